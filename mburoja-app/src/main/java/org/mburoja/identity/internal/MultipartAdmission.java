package org.mburoja.identity.internal;

import jakarta.servlet.FilterChain;
import jakarta.servlet.MultipartConfigElement;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Semaphore;
import org.mburoja.web.UploadLimit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Uploads are kept in memory, and only so many are read at once. Tomcat writes every part above
 * {@code spring.servlet.multipart.file-size-threshold} to its temporary directory, in clear, before a controller
 * sees it, and a crash leaves it there: case evidence (mailbox extracts, malware samples, leaked documents) and
 * operators' data have no business on a shared disk, and every controller reads the whole part into memory anyway.
 * So the threshold is the file-size limit (Tomcat keeps a part of exactly the threshold in memory, and refuses a
 * larger one by the file-size limit before writing it), and the server refuses to start with a configuration that
 * would write parts to disk or hold an unbounded request in memory.
 *
 * <p>The cost is memory: while its controller runs, a request takes up to about three times its size (Tomcat's
 * buffers, the array it hands out, and the controller's {@code getBytes()} copy): some 200 MB for a 64 MB upload.
 * So at most {@code mburoja.uploads.max-concurrent-multipart} multipart requests are read at once; by default as
 * many as a quarter of the heap holds at three times {@code max-request-size} each, between 1 and 4. A request over
 * the bound is answered at once, its body unread and its connection closed: 503 with {@code Retry-After}, the
 * API's error body under {@code /api/}, else a short text in English and Albanian (as {@code FormLimitFilter}
 * answers forms the container will not read). It runs after {@link MultipartGate}, so only a logged-in session or
 * a bearer token takes a permit; a forged token holds one only until the security chain refuses it, before the
 * body is read. A logged-in user who sends slowly holds a permit as long as the upload lasts.
 *
 * <p>Nor is a request read that announces more than its endpoint takes: a module declares the limit of its upload
 * endpoints as an {@link UploadLimit} bean, and a multipart request whose {@code Content-Length} exceeds it (with
 * {@link UploadLimit#MULTIPART_OVERHEAD} for the parts' headers) is answered 413 at once, its body unread, without
 * taking a permit: else up to {@code max-request-size} would be read into memory before the controller compared
 * the file with a limit of, say, 25 MiB. A request that announces no length is read, and refused by the controller.
 */
@Component
@ConditionalOnWebApplication // (the admin command line runs the application without a web server)
@Order(Ordered.HIGHEST_PRECEDENCE + 11)
class MultipartAdmission extends OncePerRequestFilter {

    static final String SETTING = "mburoja.uploads.max-concurrent-multipart";
    private static final int DEFAULT_AT_MOST = 4;
    private static final int RETRY_AFTER_SECONDS = 10;
    private static final Logger LOG = LoggerFactory.getLogger(MultipartAdmission.class);

    private final ApiErrorWriter errors;
    private final int bound;
    private final Semaphore reading;
    private final List<UploadLimit> limits;

    @Autowired
    MultipartAdmission(ApiErrorWriter errors, ObjectProvider<MultipartConfigElement> multipart,
                       @Value("${" + SETTING + ":#{null}}") Integer configured, ObjectProvider<UploadLimit> limits) {
        this(errors, multipart.getIfAvailable(), configured, Runtime.getRuntime().maxMemory(),
                limits.orderedStream().toList());
    }

    /** With {@code multipart} null, multipart support is off ({@code spring.servlet.multipart.enabled=false}). */
    MultipartAdmission(ApiErrorWriter errors, MultipartConfigElement multipart, Integer configured, long maxHeap,
                       List<UploadLimit> limits) {
        String problem = multipart == null ? null : configurationProblem(multipart);
        if (problem != null) {
            throw new IllegalStateException(problem);
        }
        if (configured != null && configured < 1) {
            throw new IllegalStateException(SETTING + " is " + configured + ": it must be at least 1 (it is how many "
                    + "multipart uploads the server reads at once); leave it unset for the default");
        }
        this.errors = errors;
        this.bound = configured != null ? configured
                : multipart == null ? DEFAULT_AT_MOST : defaultBound(maxHeap, multipart.getMaxRequestSize());
        this.reading = new Semaphore(bound);
        this.limits = List.copyOf(limits);
        if (multipart != null) {
            LOG.info("multipart uploads: at most {} read at once ({}), each kept in memory, up to {} bytes", bound,
                    SETTING, multipart.getMaxRequestSize());
        }
    }

    /** Why Tomcat would write parts to disk, or keep an unbounded request in memory, with this configuration. */
    static String configurationProblem(MultipartConfigElement multipart) {
        if (multipart.getMaxFileSize() < 0 || multipart.getMaxRequestSize() < 0) {
            return "spring.servlet.multipart.max-file-size and max-request-size must be set (they are "
                    + multipart.getMaxFileSize() + " and " + multipart.getMaxRequestSize() + " bytes, -1 is no "
                    + "limit): uploads are kept in memory, so an unlimited one could take the whole heap";
        }
        if (multipart.getFileSizeThreshold() < multipart.getMaxFileSize()) {
            String where = multipart.getLocation() == null || multipart.getLocation().isEmpty()
                    ? "the servlet container's temporary directory" : multipart.getLocation();
            return "spring.servlet.multipart.file-size-threshold (" + multipart.getFileSizeThreshold() + " bytes) is "
                    + "below spring.servlet.multipart.max-file-size (" + multipart.getMaxFileSize() + " bytes): "
                    + "larger parts (case evidence, operator CSV files) would be written in clear to " + where
                    + " before the application reads them; set the threshold to the max file size";
        }
        return null;
    }

    /** As many uploads as a quarter of the heap holds at three times the request limit each, between 1 and 4. */
    static int defaultBound(long maxHeap, long maxRequestBytes) {
        long each = Math.max(1, 3 * maxRequestBytes);
        return (int) Math.max(1, Math.min(DEFAULT_AT_MOST, maxHeap / 4 / each));
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !MultipartGate.isMultipart(request);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        UploadLimit limit = UploadLimit.of(limits, request).orElse(null);
        if (limit != null && limit.refuses(request.getContentLengthLong())) {
            refuseTooLarge(request, response, limit);
            return;
        }
        if (!reading.tryAcquire()) {
            refuse(request, response);
            return;
        }
        try {
            chain.doFilter(request, response);
        } finally {
            reading.release();
        }
    }

    private void refuse(HttpServletRequest request, HttpServletResponse response) throws IOException {
        LOG.info("multipart upload to {} refused: {} are being read already ({})", request.getRequestURI(), bound,
                SETTING);
        response.setHeader("Connection", "close"); // the body is not read
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("Retry-After", String.valueOf(RETRY_AFTER_SECONDS));
        if (request.getRequestURI().startsWith(request.getContextPath() + "/api/")) {
            errors.write(request, response, 503, "service_unavailable", "the server is reading as many uploads at "
                    + "once as it keeps in memory (" + bound + ", " + SETTING + "); nothing of this one was read: "
                    + "send it again in " + RETRY_AFTER_SECONDS + " seconds");
            return;
        }
        response.setStatus(503);
        response.setContentType("text/plain;charset=UTF-8");
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Content-Security-Policy", "default-src 'none'");
        response.getOutputStream().write(String.format(Locale.ROOT, """
                503: this server is reading as many uploads at once as it keeps in memory (%d); nothing of this \
                one was read. Go back and send the file again in a few seconds.
                Ky server po lexon aq ngarkime njëherësh sa mban në kujtesë (%d); asgjë nga ky ngarkim nuk u \
                lexua. Kthehuni mbrapa dhe dërgojeni skedarin përsëri pas pak sekondash.
                """, bound, bound).getBytes(StandardCharsets.UTF_8));
    }

    private void refuseTooLarge(HttpServletRequest request, HttpServletResponse response, UploadLimit limit)
            throws IOException {
        long announced = request.getContentLengthLong();
        LOG.info("multipart upload to {} refused unread: it announces {} bytes, its endpoint takes {}",
                request.getRequestURI(), announced, limit.describe());
        response.setHeader("Connection", "close"); // the body is not read
        response.setHeader("Cache-Control", "no-store");
        if (request.getRequestURI().startsWith(request.getContextPath() + "/api/")) {
            errors.write(request, response, 413, "too_large", "the upload announces "
                    + UploadLimit.size(announced) + " (Content-Length) and this endpoint takes a file of "
                    + limit.describe() + "; nothing of it was read: send a smaller file");
            return;
        }
        response.setStatus(413);
        response.setContentType("text/plain;charset=UTF-8");
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Content-Security-Policy", "default-src 'none'");
        String most = UploadLimit.size(limit.maxBytes());
        response.getOutputStream().write(String.format(Locale.ROOT, """
                413: this file is larger than this page takes (at most %s); nothing of it was read. Go back and \
                choose a smaller file, or split it.
                Ky skedar është më i madh se sa pranon kjo faqe (deri në %s); asgjë prej tij nuk u lexua. Kthehuni \
                mbrapa dhe zgjidhni një skedar më të vogël, ose ndajeni.
                """, most, most).getBytes(StandardCharsets.UTF_8));
    }
}
