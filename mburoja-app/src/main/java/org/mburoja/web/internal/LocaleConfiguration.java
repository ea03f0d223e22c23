package org.mburoja.web.internal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;

/**
 * English and Albanian. The browser's language decides until the user picks one with {@code ?lang=sq} or
 * {@code ?lang=en} (the switch in the header), which is remembered in a cookie for a year.
 */
@Configuration(proxyBeanMethods = false)
class LocaleConfiguration implements WebMvcConfigurer {

    static final List<Locale> SUPPORTED = List.of(Locale.ENGLISH, Locale.forLanguageTag("sq"));

    @Bean
    LocaleResolver localeResolver() {
        CookieLocaleResolver r = new CookieLocaleResolver("mburoja-lang") {
            @Override
            public Locale resolveLocale(HttpServletRequest request) {
                Locale l = super.resolveLocale(request);
                return supported(l) ? Locale.of(l.getLanguage()) : Locale.ENGLISH;
            }
        };
        r.setCookieMaxAge(Duration.ofDays(365));
        r.setDefaultLocaleFunction(req -> {
            for (Locale l : java.util.Collections.list(req.getLocales())) {
                if (supported(l)) {
                    return Locale.of(l.getLanguage());
                }
            }
            return Locale.ENGLISH;
        });
        return r;
    }

    static boolean supported(Locale l) {
        return l != null && SUPPORTED.stream().anyMatch(s -> s.getLanguage().equals(l.getLanguage()));
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        LocaleChangeInterceptor change = new LocaleChangeInterceptor() {
            @Override
            public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
                    throws jakarta.servlet.ServletException {
                String lang = request.getParameter(getParamName());
                if (lang == null || supported(Locale.forLanguageTag(lang))) {
                    return super.preHandle(request, response, handler);
                }
                return true;
            }
        };
        change.setParamName("lang");
        registry.addInterceptor(change);
    }
}
