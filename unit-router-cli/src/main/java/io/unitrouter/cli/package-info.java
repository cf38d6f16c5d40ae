/**
 * The {@code unit-router} operator command line: {@code rules validate}, {@code rules diff},
 * {@code rules import appactive}, {@code route} and the {@code failover} commands, on rule files or on a Nacos
 * data id. The entry point is {@link io.unitrouter.cli.UnitRouterCli};
 * everything else in this package is internal to the CLI.
 */
package io.unitrouter.cli;
