/**
 * The {@code unit-router} operator command line: {@code rules validate}, {@code rules diff},
 * {@code rules import appactive} and {@code route}. The entry point is {@link io.unitrouter.cli.UnitRouterCli};
 * everything else in this package is internal to the CLI.
 */
package io.unitrouter.cli;
