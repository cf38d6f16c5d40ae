package io.unitrouter.console.config;

import io.unitrouter.console.failover.AuditLog;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.stereotype.Component;

/** Puts every log-in, and every failed one, in the audit trail. */
@Component
class LoginAudit {

    private final AuditLog audit;

    LoginAudit(AuditLog audit) {
        this.audit = audit;
    }

    @EventListener
    void succeeded(AuthenticationSuccessEvent event) {
        audit.record(event.getAuthentication().getName(), "login", "console", "succeeded", "");
    }

    @EventListener
    void failed(AbstractAuthenticationFailureEvent event) {
        audit.record(String.valueOf(event.getAuthentication().getName()), "login", "console", "failed",
                event.getException().getMessage());
    }
}
