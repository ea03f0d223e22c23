package org.mburoja.leak.internal;

import java.util.Arrays;
import org.mburoja.leak.ColumnRole;

/**
 * Classifies columns whose header says nothing (or that have no header) from their first values: a column whose
 * filled cells are mostly (80%) dictionary first names is a first-name column, surnames a surname column, and
 * calendar dates of people at least 14 years old a birth-date column (registration dates and timestamps are
 * younger or carry a time). At least {@value #MIN_FILLED} filled cells are needed; otherwise the column stays
 * {@link ColumnRole#OTHER} and its cells go through every recogniser.
 */
final class ColumnSampler {

    static final int MIN_FILLED = 5;

    private final NameDictionary names;
    private final int latestYear;
    private int[] filled = new int[16];
    private int[] first = new int[16];
    private int[] last = new int[16];
    private int[] dates = new int[16];

    ColumnSampler(NameDictionary names, int latestYear) {
        this.names = names;
        this.latestYear = latestYear;
    }

    void sample(int column, byte[] b, int s, int e, boolean utf8) {
        while (s < e && b[s] == ' ') {
            s++;
        }
        while (e > s && b[e - 1] == ' ') {
            e--;
        }
        if (s == e) {
            return;
        }
        if (column >= filled.length) {
            int n = Math.max(column + 1, filled.length * 2);
            filled = Arrays.copyOf(filled, n);
            first = Arrays.copyOf(first, n);
            last = Arrays.copyOf(last, n);
            dates = Arrays.copyOf(dates, n);
        }
        filled[column]++;
        long h = TextFold.hash(b, s, e, utf8);
        if (names.isFirstName(h)) {
            first[column]++;
        }
        if (names.isSurname(h)) {
            last[column]++;
        }
        long d = ValueShapes.date(b, s, e, latestYear - 14);
        if (d >= 0 && (int) (d >>> 32) == e) {
            dates[column]++;
        }
    }

    ColumnRole role(int column) {
        if (column >= filled.length || filled[column] < MIN_FILLED) {
            return ColumnRole.OTHER;
        }
        int n = filled[column];
        if (first[column] * 5 >= n * 4 && first[column] >= last[column]) {
            return ColumnRole.FIRST_NAME;
        }
        if (last[column] * 5 >= n * 4) {
            return ColumnRole.LAST_NAME;
        }
        if (dates[column] * 5 >= n * 4) {
            return ColumnRole.BIRTH_DATE;
        }
        return ColumnRole.OTHER;
    }
}
