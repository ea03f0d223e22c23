package org.mburoja.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * The largest file that upload endpoints take, declared as a bean by the module that owns them. The servlet
 * container reads a multipart request into memory up to {@code spring.servlet.multipart.max-request-size} (64 MB)
 * before a controller can compare the file with its own, smaller limit; so a multipart request whose
 * {@code Content-Length} already exceeds this limit by more than {@link #MULTIPART_OVERHEAD} is answered 413 before
 * its body is read (by the identity module's {@code MultipartAdmission}, ahead of the security chain). A request
 * that announces no length (chunked) is read, and refused by the controller's own check. Raw bodies are not
 * covered: their readers stream them and stop at their limit.
 *
 * @param paths    the endpoints, as Spring path patterns without the context path
 *                 ({@code /api/v1/incidents/cases/{caseId}/evidence})
 * @param maxBytes the largest file they take
 * @param setting  the property that sets the limit, named in the refusal; null when the limit is fixed
 */
public record UploadLimit(List<String> paths, long maxBytes, String setting) {

    /** What a multipart body holds besides its file: boundaries, part headers, a description or a mode field. */
    public static final long MULTIPART_OVERHEAD = 64 * 1024;

    public UploadLimit {
        paths = List.copyOf(paths);
        if (maxBytes < 1) {
            throw new IllegalArgumentException("an upload limit of " + maxBytes + " bytes for " + paths
                    + (setting == null ? "" : " (" + setting + ")") + ": it must be at least 1 byte");
        }
        paths.forEach(PathPatternParser.defaultInstance::parse); // a malformed pattern fails at start, not per request
    }

    /** The limit of the endpoint {@code request} is for, if a module declared one. */
    public static Optional<UploadLimit> of(Collection<UploadLimit> limits, HttpServletRequest request) {
        PathContainer path = PathContainer.parsePath(request.getRequestURI()
                .substring(request.getContextPath().length()));
        return limits.stream().filter(l -> l.paths.stream()
                .anyMatch(p -> PathPatternParser.defaultInstance.parse(p).matches(path))).findFirst();
    }

    /** Whether a multipart request announcing {@code contentLength} bytes (-1: unknown) cannot be within the limit. */
    public boolean refuses(long contentLength) {
        return contentLength > maxBytes + MULTIPART_OVERHEAD;
    }

    /** {@code at most 26,214,400 bytes (25 MiB, mburoja.incidents.evidence.max-bytes)}. */
    public String describe() {
        List<String> aside = new ArrayList<>();
        if (human(maxBytes) != null) {
            aside.add(human(maxBytes));
        }
        if (setting != null) {
            aside.add(setting);
        }
        return "at most " + exact(maxBytes) + (aside.isEmpty() ? "" : " (" + String.join(", ", aside) + ")");
    }

    /** {@code 26,214,400 bytes (25 MiB)}: exact, and as people count it when it is a whole number of MiB or KiB. */
    public static String size(long bytes) {
        String human = human(bytes);
        return exact(bytes) + (human == null ? "" : " (" + human + ")");
    }

    private static String exact(long bytes) {
        return String.format(Locale.ROOT, "%,d bytes", bytes);
    }

    private static String human(long bytes) {
        if (bytes >= 1 << 20 && bytes % (1 << 20) == 0) {
            return (bytes >> 20) + " MiB";
        }
        return bytes >= 1 << 10 && bytes % (1 << 10) == 0 ? (bytes >> 10) + " KiB" : null;
    }
}
