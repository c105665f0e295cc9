package dev.bascule.spring;

import dev.bascule.Bascule;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/** The {@code bascule} actuator endpoint, when actuator is on the class path and the endpoint is exposed. */
@AutoConfiguration(after = BasculeAutoConfiguration.class)
@ConditionalOnClass(name = "org.springframework.boot.actuate.endpoint.annotation.Endpoint")
@ConditionalOnAvailableEndpoint(endpoint = BasculeEndpoint.class)
public class BasculeEndpointAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnBean(Bascule.class)
    public BasculeEndpoint basculeEndpoint(Bascule bascule) {
        return new BasculeEndpoint(bascule);
    }
}
