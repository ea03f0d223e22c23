package org.mburoja.leak;

import java.util.Arrays;
import org.mburoja.leak.internal.TextFold;

/**
 * What a column (CSV header, SQL column, JSON key) holds, read from its name in Albanian or English. A column is
 * classified once; its cells are then counted by role, which is how context raises precision for values that have
 * no check digit (names, dates, amounts, party preferences).
 *
 * <p>Names are folded (case, diacritics, separators) before lookup, so {@code Datëlindja}, {@code DATELINDJA} and
 * {@code datelindja} are one entry. Lookup is a binary search over 64-bit hashes and allocates nothing, because JSON
 * keys are looked up on every value.
 */
public enum ColumnRole {
    FIRST_NAME("emri", "emer", "emri i pare", "first name", "firstname", "given name", "fname", "name first"),
    LAST_NAME("mbiemri", "mbiemer", "last name", "lastname", "surname", "family name", "lname"),
    FULL_NAME("emri i plote", "emri plote", "emri dhe mbiemri", "emri mbiemri", "full name", "fullname", "name",
            "person", "emri i personit"),
    FATHER_NAME("atesia", "emri i babait", "father name", "fathers name", "father"),
    BIRTH_DATE("datelindja", "ditelindja", "data e lindjes", "datelindje", "birth date", "birthdate", "date of birth",
            "dob", "birthday", "data lindjes"),
    NID("numri personal", "nr id", "nr personal", "nr i identitetit", "numri i identitetit", "personal no",
            "personal number", "nid", "id number", "national id", "nr personal i identifikimit", "nr kartes"),
    PHONE("celulari", "cel", "tel", "telefon", "telefoni", "nr tel", "nr telefoni", "mobile", "phone", "mobile no",
            "phone number", "cell", "mobil"),
    EMAIL("email", "e mail", "mail", "posta elektronike", "email address"),
    ADDRESS("adresa", "address", "vendbanimi", "adresa e banimit", "street"),
    CITY("qyteti", "city", "bashkia", "town", "rrethi"),
    EMPLOYER("punedhenesi", "vendi i punes", "employer", "institucioni", "company", "kompania", "punedhenes"),
    NIPT("nipt", "nipt punedhenesi", "employer nipt", "nuis", "tax id", "nipti"),
    SALARY("paga", "paga all", "rroga", "salary", "salary all", "paga neto", "paga bruto", "wage", "paga mujore"),
    POLITICAL("preferenca", "preferenca politike", "political pref", "political preference", "partia", "party",
            "vote", "vota", "votimi", "preferenca e votes"),
    PLATE("targa", "plate", "license plate", "nr targe", "targa e automjetit", "plate number"),
    IBAN("iban", "llogaria bankare", "llogaria", "bank account", "account iban"),
    PASSWORD("password", "fjalekalimi", "passwd", "pwd", "pass", "password hash", "passwordhash", "hash password",
            "fjalekalim", "user password"),
    USERNAME("username", "perdoruesi", "login", "user", "user name", "account"),
    /** A column the vocabulary does not know: its cells go through every recogniser. */
    OTHER();

    private final String[] aliases;

    ColumnRole(String... aliases) {
        this.aliases = aliases;
    }

    private static final long[] HASHES;
    private static final ColumnRole[] ROLES;

    static {
        int n = 0;
        for (ColumnRole r : values()) {
            n += r.aliases.length;
        }
        long[][] pairs = new long[n][];
        int k = 0;
        for (ColumnRole r : values()) {
            for (String a : r.aliases) {
                pairs[k++] = new long[] {TextFold.hash(a), r.ordinal()};
            }
        }
        Arrays.sort(pairs, (x, y) -> Long.compare(x[0], y[0]));
        HASHES = new long[n];
        ROLES = new ColumnRole[n];
        for (int i = 0; i < n; i++) {
            HASHES[i] = pairs[i][0];
            ROLES[i] = values()[(int) pairs[i][1]];
        }
    }

    /**
     * The role of a column named by {@code b[s, e)}; {@link #OTHER} when unknown. A name not in the vocabulary is
     * read again with its camel-case words apart ({@code numriPersonal}, {@code dataLindjes}, {@code emriIPlote}).
     */
    public static ColumnRole of(byte[] b, int s, int e, boolean utf8) {
        int i = Arrays.binarySearch(HASHES, TextFold.hash(b, s, e, utf8));
        if (i < 0) {
            long camel = TextFold.camelHash(b, s, e, utf8);
            i = camel == 0 ? -1 : Arrays.binarySearch(HASHES, camel);
        }
        return i >= 0 ? ROLES[i] : OTHER;
    }

    public static ColumnRole of(String name) {
        int i = Arrays.binarySearch(HASHES, TextFold.hash(name));
        if (i < 0) {
            long camel = TextFold.camelHash(name);
            i = camel == 0 ? -1 : Arrays.binarySearch(HASHES, camel);
        }
        return i >= 0 ? ROLES[i] : OTHER;
    }
}
