/**
 * The Nacos rule store: the rule document as a Nacos config, followed with a listener, published with
 * compare-and-set on its MD5, with a local last-good snapshot for starts while the server is unreachable.
 * Needs {@code com.alibaba.nacos:nacos-client} on the classpath. See {@code docs/nacos.md}.
 */
package io.unitrouter.nacos;
