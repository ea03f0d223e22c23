package org.mburoja.identity.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.servlet.MultipartConfigElement;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mburoja.web.UploadLimit;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

/**
 * The configuration checks and the bound of {@link MultipartAdmission}, without a server (MultipartInMemoryIT shows
 * the same through Tomcat): a request over the bound is answered without its body being read, and a permit comes
 * back however the request ends.
 */
class MultipartAdmissionTest {

    private static final long MB = 1 << 20;
    private static final MultipartConfigElement IN_MEMORY = new MultipartConfigElement("", 64 * MB, 64 * MB,
            (int) (64 * MB));

    private final ApiErrorWriter errors = new ApiErrorWriter(JsonMapper.builder().build());

    @Test
    void refusesToStartWhenLargerPartsWouldBeWrittenToDisk() {
        assertThatThrownBy(() -> new MultipartAdmission(errors, new MultipartConfigElement("", 64 * MB, 64 * MB, 0),
                null, 1L << 30, List.of()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("file-size-threshold (0 bytes) is below spring.servlet.multipart.max-file-size "
                        + "(67108864 bytes)")
                .hasMessageContaining("in clear to the servlet container's temporary directory");
        assertThatThrownBy(() -> new MultipartAdmission(errors, new MultipartConfigElement("/srv/up", 64 * MB,
                64 * MB, (int) (64 * MB) - 1), null, 1L << 30, List.of())).hasMessageContaining("in clear to /srv/up");
    }

    @Test
    void refusesToStartWithAnUnlimitedFileOrRequestSize() {
        assertThatThrownBy(() -> new MultipartAdmission(errors, new MultipartConfigElement("", -1, 64 * MB,
                (int) (64 * MB)), null, 1L << 30, List.of())).hasMessageContaining("-1 is no limit");
        assertThatThrownBy(() -> new MultipartAdmission(errors, new MultipartConfigElement("", 64 * MB, -1,
                (int) (64 * MB)), null, 1L << 30, List.of())).hasMessageContaining("max-request-size must be set");
    }

    @Test
    void refusesToStartWithABoundBelowOne() {
        assertThatThrownBy(() -> new MultipartAdmission(errors, IN_MEMORY, 0, 1L << 30, List.of()))
                .hasMessageContaining("mburoja.uploads.max-concurrent-multipart is 0: it must be at least 1");
    }

    @Test
    void byDefaultAQuarterOfTheHeapHoldsTheUploadsAtThreeTimesTheirLimitBetweenOneAndFour() {
        assertThat(MultipartAdmission.defaultBound(256 * MB, 64 * MB)).isEqualTo(1);
        assertThat(MultipartAdmission.defaultBound(1536 * MB, 64 * MB)).isEqualTo(2);
        assertThat(MultipartAdmission.defaultBound(3 * 1024 * MB, 64 * MB)).isEqualTo(4);
        assertThat(MultipartAdmission.defaultBound(64 * 1024 * MB, 64 * MB)).isEqualTo(4);
        assertThat(MultipartAdmission.defaultBound(256 * MB, 0)).isEqualTo(4);
    }

    @Test
    void aRequestOverTheBoundIsAnsweredWithoutItsBodyBeingRead() throws Exception {
        MultipartAdmission admission = new MultipartAdmission(errors, IN_MEMORY, 1, 1L << 30, List.of());
        List<MockHttpServletResponse> inner = new ArrayList<>();
        MockHttpServletResponse outer = new MockHttpServletResponse();
        // while the first upload is in the chain, a second to the API and a third to a page come
        admission.doFilter(upload("/api/v1/incidents/cases/1/evidence"), outer, (req, res) -> {
            for (String path : new String[] {"/api/v1/operators/import", "/operators/import"}) {
                MockHttpServletResponse r = new MockHttpServletResponse();
                admission.doFilter(unreadable(path), r, (q, s) -> {
                    throw new AssertionError("passed on over the bound: " + path);
                });
                inner.add(r);
            }
        });

        assertThat(outer.getStatus()).isEqualTo(200);
        MockHttpServletResponse api = inner.get(0);
        assertThat(api.getStatus()).isEqualTo(503);
        assertThat(api.getHeader("Retry-After")).isEqualTo("10");
        assertThat(api.getHeader("Connection")).isEqualTo("close");
        assertThat(api.getContentAsString()).contains("\"error\":\"service_unavailable\"")
                .contains("as many uploads at once as it keeps in memory (1, mburoja.uploads.max-concurrent-multipart)")
                .contains("\"path\":\"/api/v1/operators/import\"");
        MockHttpServletResponse page = inner.get(1);
        assertThat(page.getStatus()).isEqualTo(503);
        assertThat(page.getHeader("Connection")).isEqualTo("close");
        assertThat(page.getContentType()).isEqualTo("text/plain;charset=UTF-8");
        assertThat(page.getContentAsString()).contains("Go back and send the file again").contains("ngarkime");
    }

    @Test
    void aPermitComesBackWhenTheUploadFails() throws Exception {
        MultipartAdmission admission = new MultipartAdmission(errors, IN_MEMORY, 1, 1L << 30, List.of());
        assertThatThrownBy(() -> admission.doFilter(upload("/operators/import"), new MockHttpServletResponse(),
                (req, res) -> {
                    throw new IOException("connection reset by the client");
                })).hasMessage("connection reset by the client");
        List<String> passed = new ArrayList<>();
        admission.doFilter(upload("/operators/import"), new MockHttpServletResponse(),
                (req, res) -> passed.add(((HttpServletRequest) req).getRequestURI()));
        assertThat(passed).containsExactly("/operators/import");
    }

    @Test
    void otherRequestsTakeNoPermit() throws Exception {
        MultipartAdmission admission = new MultipartAdmission(errors, IN_MEMORY, 1, 1L << 30, List.of());
        List<String> passed = new ArrayList<>();
        admission.doFilter(upload("/operators/import"), new MockHttpServletResponse(), (req, res) -> {
            MockHttpServletRequest json = new MockHttpServletRequest("POST", "/api/v1/incidents/reports");
            json.setContentType("application/json");
            admission.doFilter(json, new MockHttpServletResponse(), (q, s) -> passed.add("json"));
        });
        assertThat(passed).containsExactly("json");
    }

    @Test
    void aRequestAnnouncingMoreThanItsEndpointTakesIsAnsweredUnreadWithoutTakingAPermit() throws Exception {
        UploadLimit evidence = new UploadLimit(List.of("/api/v1/incidents/cases/{caseId}/evidence"), 25 * MB,
                "mburoja.incidents.evidence.max-bytes");
        UploadLimit imports = new UploadLimit(List.of("/operators/import"), 32 * MB, null);
        MultipartAdmission admission = new MultipartAdmission(errors, IN_MEMORY, 1, 1L << 30,
                List.of(evidence, imports));
        long over = 25 * MB + UploadLimit.MULTIPART_OVERHEAD + 1;
        List<MockHttpServletResponse> refused = new ArrayList<>();
        List<String> passed = new ArrayList<>();
        // the one permit is taken: a refusal by size is not a 503
        admission.doFilter(upload("/api/v1/operators/import"), new MockHttpServletResponse(), (req, res) -> {
            for (MockHttpServletRequest r : List.of(unreadable("/api/v1/incidents/cases/7/evidence", over),
                    unreadable("/operators/import", 40 * MB))) {
                MockHttpServletResponse answer = new MockHttpServletResponse();
                admission.doFilter(r, answer, (q, s) -> {
                    throw new AssertionError("passed on over its limit: " + r.getRequestURI());
                });
                refused.add(answer);
            }
        });
        for (long length : new long[] {over - 1, -1}) { // within the limit, or of unknown length: read
            admission.doFilter(upload("/api/v1/incidents/cases/7/evidence", length), new MockHttpServletResponse(),
                    (q, s) -> passed.add(String.valueOf(length)));
        }

        MockHttpServletResponse api = refused.get(0);
        assertThat(api.getStatus()).isEqualTo(413);
        assertThat(api.getHeader("Connection")).isEqualTo("close");
        assertThat(api.getContentAsString()).contains("\"error\":\"too_large\"").contains("\"message\":\"the "
                + "upload announces 26,279,937 bytes (Content-Length) and this endpoint takes a file of at most "
                + "26,214,400 bytes (25 MiB, mburoja.incidents.evidence.max-bytes); nothing of it was read: send a "
                + "smaller file\"");
        MockHttpServletResponse page = refused.get(1);
        assertThat(page.getStatus()).isEqualTo(413);
        assertThat(page.getContentType()).isEqualTo("text/plain;charset=UTF-8");
        assertThat(page.getContentAsString())
                .contains("larger than this page takes (at most 33,554,432 bytes (32 MiB))")
                .contains("më i madh se sa pranon kjo faqe");
        assertThat(passed).containsExactly(String.valueOf(over - 1), "-1");
    }

    private static MockHttpServletRequest upload(String path) {
        MockHttpServletRequest r = new MockHttpServletRequest("POST", path);
        r.setContentType("multipart/form-data; boundary=x");
        return r;
    }

    /** An upload announcing {@code contentLength} bytes (-1: none, as when it is chunked). */
    private static MockHttpServletRequest upload(String path, long contentLength) {
        MockHttpServletRequest r = new MockHttpServletRequest("POST", path) {
            @Override
            public long getContentLengthLong() {
                return contentLength;
            }
        };
        r.setContentType("multipart/form-data; boundary=x");
        return r;
    }

    /** An upload whose body must not be read. */
    private static MockHttpServletRequest unreadable(String path) {
        return unreadable(path, -1);
    }

    /** An upload whose body must not be read, announcing {@code contentLength} bytes. */
    private static MockHttpServletRequest unreadable(String path, long contentLength) {
        MockHttpServletRequest r = new MockHttpServletRequest("POST", path) {
            @Override
            public ServletInputStream getInputStream() {
                throw new AssertionError("the body of " + path + " was read");
            }

            @Override
            public long getContentLengthLong() {
                return contentLength;
            }
        };
        r.setContentType("multipart/form-data; boundary=x");
        return r;
    }
}
