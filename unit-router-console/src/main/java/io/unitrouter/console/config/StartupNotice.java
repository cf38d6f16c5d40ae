package io.unitrouter.console.config;

import io.unitrouter.console.failover.FailoverSetup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Says where the console listens and what it watches, once it is up: scripts such as the demo print this line. */
@Component
class StartupNotice {

    private static final Logger LOG = LoggerFactory.getLogger("io.unitrouter.console");

    private final FailoverSetup setup;

    StartupNotice(FailoverSetup setup) {
        this.setup = setup;
    }

    @EventListener
    void started(WebServerInitializedEvent event) {
        LOG.info("unit-router console on http://localhost:{}/ watching {}; failover: {}", event.getWebServer().getPort(),
                setup.store().name(), setup.disabledReason().orElse("enabled, fence " + setup.fenceName()));
    }
}
