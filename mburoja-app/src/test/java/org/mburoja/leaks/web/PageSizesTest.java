package org.mburoja.leaks.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Sizes on the breach desk's pages (the upload limit, the import directory's files), in decimal units. */
class PageSizesTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "0 | 0 B",
            "999 | 999 B",
            "1000 | 1.0 kB",
            "921600 | 921.6 kB",
            "999949 | 999.9 kB",
            "999999 | 1.0 MB",
            "1048576 | 1.0 MB",
            "68719476736 | 68.7 GB",
            "999999999999 | 1.0 TB",
            "9223372036854775807 | 9223372.0 TB"})
    void writesASizeInTheLargestUnitBelowAThousandWithOneDecimal(long bytes, String written) {
        assertThat(LeakPages.size(bytes)).isEqualTo(written);
    }
}
