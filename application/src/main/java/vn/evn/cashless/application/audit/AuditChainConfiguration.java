package vn.evn.cashless.application.audit;

import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The chain writer's processor (mode, one segment, batch size) is set in application.yml; this is its error rule. */
@Configuration(proxyBeanMethods = false)
public class AuditChainConfiguration {

    /**
     * A batch that fails (a database error, a second writer that got there first) must stop the processor at that
     * batch and be retried, never be logged and passed over.
     */
    @Bean
    ConfigurerModule auditChainStopsOnFailure() {
        return configurer -> configurer.eventProcessing()
                .registerListenerInvocationErrorHandler(AuditChainWriter.GROUP, c -> PropagatingErrorHandler.instance());
    }
}
