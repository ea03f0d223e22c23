package org.mburoja.identity.internal;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import java.util.Arrays;
import org.mburoja.audit.AuditLog;
import org.mburoja.identity.ApiTokens;
import org.mburoja.kernel.Actor;
import org.mburoja.kernel.Role;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.annotation.web.configurers.HeadersConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.security.web.authentication.logout.LogoutFilter;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextHolderFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.util.matcher.RequestMatcher;
import tools.jackson.databind.json.JsonMapper;

/**
 * Security of the whole application, in three filter chains:
 * <ul>
 *   <li>{@code /actuator/prometheus}: bearer tokens only, of an administrator, with the scope {@code metrics:read}
 *       (the scraper's token: {@code mburoja admin token create --user <admin> --scope metrics:read}). The metrics
 *       are not public: they tell how many indicators the index holds and how many hits it releases, which would let
 *       an adversary watch whether its infrastructure has been detected.</li>
 *   <li>{@code /api/**}: bearer tokens (scoped, see {@link BearerTokenFilter}) or the browser's login session; JSON
 *       401/403 answers; CSRF checked for session requests only (a bearer request carries no cookie to forge).</li>
 *   <li>everything else: form login, then the {@link LoginStage}s (TOTP, forced password change); pages need a
 *       role, administration pages the admin role; of actuator only health is open, anonymously, with its overall status
 *       (the components, such as the database, for logged-in users).</li>
 * </ul>
 * Both send a strict Content-Security-Policy (no inline script or style), deny framing, and audit every permission
 * denial. Modules authorise further by role and organisation in their controllers and services (method security
 * is enabled for {@code @PreAuthorize}).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
@EnableWebSecurity
@EnableMethodSecurity
class SecurityConfiguration {

    static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; "
            + "frame-ancestors 'none'";

    static final String METRICS_PATH = "/actuator/prometheus";

    private static final String[] ROLES = Arrays.stream(Role.values()).map(Role::name).toArray(String[]::new);

    @Bean
    ApiErrorWriter apiErrorWriter(JsonMapper json) {
        return new ApiErrorWriter(json);
    }

    @Bean
    PasswordAuthenticationProvider passwordAuthenticationProvider(Credentials credentials, AuditLog audit) {
        return new PasswordAuthenticationProvider(credentials, audit);
    }

    @Bean
    SessionGuardFilter sessionGuardFilter(Credentials credentials, AuditLog audit,
                                          @Value("${mburoja.session.absolute-lifetime:12h}") Duration lifetime) {
        return new SessionGuardFilter(credentials, audit, lifetime);
    }

    @Bean
    BearerTokenFilter bearerTokenFilter(ApiTokens tokens, AuditLog audit, ApiErrorWriter errors) {
        return new BearerTokenFilter(tokens, audit, errors);
    }

    /** Our filters run inside the security chains only, not a second time as plain servlet filters. */
    @Bean
    org.springframework.boot.web.servlet.FilterRegistrationBean<SessionGuardFilter> sessionGuardRegistration(
            SessionGuardFilter filter) {
        var r = new org.springframework.boot.web.servlet.FilterRegistrationBean<>(filter);
        r.setEnabled(false);
        return r;
    }

    @Bean
    org.springframework.boot.web.servlet.FilterRegistrationBean<BearerTokenFilter> bearerTokenRegistration(
            BearerTokenFilter filter) {
        var r = new org.springframework.boot.web.servlet.FilterRegistrationBean<>(filter);
        r.setEnabled(false);
        return r;
    }

    @Bean
    @Order(0)
    SecurityFilterChain metricsChain(HttpSecurity http, BearerTokenFilter bearer, AuditLog audit,
                                     ApiErrorWriter errors) throws Exception {
        http.securityMatcher(METRICS_PATH)
                .authorizeHttpRequests(a -> a.anyRequest().hasRole(Role.ADMIN.name()))
                // a machine's bearer token only: no login session is read or made here, so no CSRF either
                .securityContext(c -> c.securityContextRepository(new RequestAttributeSecurityContextRepository()))
                .sessionManagement(m -> m.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(c -> c.disable())
                .headers(SecurityConfiguration::headers)
                .addFilterAfter(bearer, SecurityContextHolderFilter.class)
                .exceptionHandling(e -> e
                        .authenticationEntryPoint((req, res, ex) -> errors.write(req, res, 401, "unauthenticated",
                                "send 'Authorization: Bearer <token>': an administrator's token with the scope "
                                        + BearerTokenFilter.METRICS_AREA + ":read"))
                        .accessDeniedHandler(new AuditingAccessDeniedHandler(audit, errors, true)))
                .formLogin(f -> f.disable())
                .httpBasic(b -> b.disable())
                .logout(l -> l.disable())
                .requestCache(c -> c.disable());
        return http.build();
    }

    @Bean
    @Order(1)
    SecurityFilterChain apiChain(HttpSecurity http, BearerTokenFilter bearer, SessionGuardFilter guard,
                                 AuditLog audit, ApiErrorWriter errors) throws Exception {
        RequestMatcher bearerRequest = (HttpServletRequest r) -> {
            String h = r.getHeader("Authorization");
            return h != null && h.regionMatches(true, 0, "Bearer ", 0, 7);
        };
        http.securityMatcher("/api/**")
                .authorizeHttpRequests(a -> a.anyRequest().hasAnyRole(ROLES))
                .csrf(c -> c.ignoringRequestMatchers(bearerRequest))
                .headers(SecurityConfiguration::headers)
                .addFilterAfter(bearer, SecurityContextHolderFilter.class)
                .addFilterBefore(guard, LogoutFilter.class)
                .exceptionHandling(e -> e
                        .authenticationEntryPoint((req, res, ex) -> errors.write(req, res, 401, "unauthenticated",
                                "log in or send 'Authorization: Bearer <token>'"))
                        .accessDeniedHandler(new AuditingAccessDeniedHandler(audit, errors, true)))
                .formLogin(f -> f.disable())
                .httpBasic(b -> b.disable())
                .requestCache(c -> c.disable());
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain pageChain(HttpSecurity http, PasswordAuthenticationProvider passwords,
                                  SessionGuardFilter guard, SessionLogins logins, AuditLog audit,
                                  ApiErrorWriter errors) throws Exception {
        var fullLogin = new SavedRequestAwareAuthenticationSuccessHandler();
        fullLogin.setDefaultTargetUrl("/");
        http.authorizeHttpRequests(a -> a
                        .requestMatchers("/css/**", "/js/**", "/img/**", "/webjars/**", "/favicon.ico").permitAll()
                        .requestMatchers("/actuator/health", "/actuator/health/**").permitAll()
                        .requestMatchers("/actuator", "/actuator/**").denyAll()
                        .requestMatchers("/login", "/error").permitAll()
                        .requestMatchers(LoginStage.MFA_ENROL.path()).hasAuthority(LoginStage.MFA_ENROL.authority())
                        .requestMatchers(LoginStage.MFA.path()).hasAuthority(LoginStage.MFA.authority())
                        .requestMatchers(LoginStage.PASSWORD_CHANGE.path()).hasAnyAuthority(passwordChangers())
                        .requestMatchers("/admin/**", "/audit", "/audit/**").hasRole(Role.ADMIN.name())
                        .anyRequest().hasAnyRole(ROLES))
                .authenticationProvider(passwords)
                .formLogin(f -> f.loginPage("/login").loginProcessingUrl("/login")
                        .successHandler((req, res, auth) -> {
                            Actor actor = (Actor) auth.getPrincipal();
                            logins.started(actor.userId(), req);
                            var stage = LoginStage.of(auth);
                            if (stage.isPresent()) {
                                res.sendRedirect(req.getContextPath() + stage.get().path());
                            } else {
                                fullLogin.onAuthenticationSuccess(req, res, auth);
                            }
                        })
                        .failureUrl("/login?error"))
                .logout(l -> l.logoutUrl("/logout").invalidateHttpSession(true).clearAuthentication(true)
                        .deleteCookies("JSESSIONID")
                        .addLogoutHandler((req, res, auth) -> {
                            if (auth != null && auth.getPrincipal() instanceof Actor actor) {
                                audit.append(actor, "logout", "user", String.valueOf(actor.userId()), null, null);
                            }
                        })
                        .logoutSuccessUrl("/login?logout"))
                .sessionManagement(s -> s.sessionFixation(f -> f.migrateSession()))
                .addFilterBefore(guard, LogoutFilter.class)
                .headers(SecurityConfiguration::headers)
                .exceptionHandling(e -> e.accessDeniedHandler(new AuditingAccessDeniedHandler(audit, errors, false)))
                .httpBasic(b -> b.disable());
        return http.build();
    }

    private static String[] passwordChangers() {
        String[] a = Arrays.copyOf(Arrays.stream(Role.values()).map(Role::authority).toArray(String[]::new),
                ROLES.length + 1);
        a[ROLES.length] = LoginStage.PASSWORD_CHANGE.authority();
        return a;
    }

    static void headers(HeadersConfigurer<HttpSecurity> h) {
        h.contentSecurityPolicy(c -> c.policyDirectives(CSP))
                .frameOptions(HeadersConfigurer.FrameOptionsConfig::deny)
                .referrerPolicy(r -> r.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN));
    }
}
