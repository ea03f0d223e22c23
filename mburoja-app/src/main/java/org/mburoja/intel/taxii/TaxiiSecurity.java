package org.mburoja.intel.taxii;

import org.mburoja.audit.AuditLog;
import org.mburoja.identity.ApiTokens;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.context.SecurityContextHolderFilter;

/**
 * The security chain of {@code /taxii2/**}, ahead of the application's other chains: stateless, token
 * authentication only ({@link TaxiiAuthentication}), no CSRF (no cookie is ever honoured here, so there is nothing
 * to forge), and TAXII error objects for 401. Authorisation by collection and TLP happens in the intel module.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
class TaxiiSecurity {

    @Bean
    TaxiiAuthentication taxiiAuthentication(ApiTokens tokens, AuditLog audit) {
        return new TaxiiAuthentication(tokens, audit);
    }

    /** The filter runs inside the TAXII chain only, not a second time as a plain servlet filter. */
    @Bean
    FilterRegistrationBean<TaxiiAuthentication> taxiiAuthenticationRegistration(TaxiiAuthentication filter) {
        var r = new FilterRegistrationBean<>(filter);
        r.setEnabled(false);
        return r;
    }

    @Bean
    @Order(0)
    SecurityFilterChain taxiiChain(HttpSecurity http, TaxiiAuthentication authentication) throws Exception {
        http.securityMatcher("/taxii2/**")
                .authorizeHttpRequests(a -> a.anyRequest().authenticated())
                .csrf(c -> c.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .addFilterAfter(authentication, SecurityContextHolderFilter.class)
                .exceptionHandling(e -> e.authenticationEntryPoint((req, res, ex) ->
                        TaxiiAuthentication.unauthorized(res, "authenticate with an API token: "
                                + "'Authorization: Bearer <token>' or HTTP Basic with the token as password")))
                .formLogin(f -> f.disable())
                .httpBasic(b -> b.disable())
                .requestCache(c -> c.disable())
                .logout(l -> l.disable());
        return http.build();
    }
}
