package org.mburoja.intel.taxii;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Discovery names the API root under {@code mburoja.taxii.public-url} when the node sits behind a reverse proxy,
 * and under the request's own base otherwise; a public URL that is not a plain http(s) base URL stops the start.
 */
class TaxiiPublicUrlTest {

    private static TaxiiSettings settings(String publicUrl) {
        return new TaxiiSettings("t", "", "intel", 10_485_760, 100, 1000, publicUrl);
    }

    @Test
    void withoutAPublicUrlTheRootIsBuiltFromTheRequest() {
        assertThat(settings("").apiRootUrl("http://10.0.0.5:8080")).isEqualTo("http://10.0.0.5:8080/taxii2/intel/");
        assertThat(settings("   ").apiRootUrl("http://localhost:8080/ctx"))
                .isEqualTo("http://localhost:8080/ctx/taxii2/intel/");
    }

    @ParameterizedTest
    @CsvSource({
            "https://cti.cert.al, https://cti.cert.al/taxii2/intel/",
            "https://cti.cert.al/, https://cti.cert.al/taxii2/intel/",
            "https://cti.cert.al//, https://cti.cert.al/taxii2/intel/",
            "HTTPS://cti.cert.al:8443/mburoja, HTTPS://cti.cert.al:8443/mburoja/taxii2/intel/",
            "http://[2001:db8::1]:8080, http://[2001:db8::1]:8080/taxii2/intel/",
    })
    void aPublicUrlReplacesTheRequestsBaseWhateverTheRequestSays(String publicUrl, String root) {
        assertThat(settings(publicUrl).apiRootUrl("http://internal-host:8080")).isEqualTo(root);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "cti.cert.al",
            "ftp://cti.cert.al",
            "javascript:alert(1)",
            "https://",
            "https:///taxii",
            "https://user:secret@cti.cert.al",
            "https://cti.cert.al/?next=evil",
            "https://cti.cert.al/#x",
            "https://cti.cert.al/a b",
            "https://cti.cert.al/\r\nSet-Cookie: x=1",
            "https://cti.cert.al/%zz",
    })
    void aPublicUrlThatIsNotAPlainHttpBaseStopsTheStartWithTheReason(String bad) {
        assertThatThrownBy(() -> settings(bad))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("mburoja.taxii.public-url '")
                .hasMessageContaining("e.g. https://");
    }

    @Test
    void theReasonSaysWhatIsWrong() {
        assertThatThrownBy(() -> settings("https://user:secret@cti.cert.al"))
                .hasMessageContaining("must not hold a user name or password");
        assertThatThrownBy(() -> settings("ftp://cti.cert.al")).hasMessageContaining("must start with https://");
        assertThatThrownBy(() -> settings("https://cti.cert.al/a b")).hasMessageContaining("is not a URL");
        assertThatThrownBy(() -> settings("https://cti.cert.al/?x=1")).hasMessageContaining("query");
    }

    @Test
    void anOversizedValueIsRefusedLikeAnyOther() {
        String huge = "https://cti.cert.al/" + "a".repeat(100_000) + "?q";
        assertThatThrownBy(() -> settings(huge)).isInstanceOf(IllegalArgumentException.class)
                .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(400));
        assertThatThrownBy(() -> settings("https://cti.cert.al/\r\nSet-Cookie: x=1"))
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\r").doesNotContain("\n"));
    }
}
