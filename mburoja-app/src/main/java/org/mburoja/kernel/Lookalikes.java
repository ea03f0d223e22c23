package org.mburoja.kernel;

import java.lang.Character.UnicodeScript;
import java.net.IDN;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What a name hides from a reader: an internationalised domain name (its labels in {@code xn--} form on the wire,
 * in letters of other scripts on screen) and a word that mixes letters of several scripts, the shape of a homograph
 * ({@code аpple-login.al} with a Cyrillic {@code а}) that looks like its Latin twin in every font. Mixed scripts are
 * judged per word (a run of letters, digits and marks), as Unicode's restriction levels do (UTS #39): a name may
 * use Latin in one label and Cyrillic in another, not both in one; the ways Chinese, Japanese and Korean are written
 * with Latin (Han with Hiragana, Katakana, Bopomofo or Hangul) count as one script. Pure functions, no state.
 */
public final class Lookalikes {

    /** The longest value looked at; longer ones are judged on their first this many characters. */
    static final int MAX_CHARS = 4096;

    private static final Set<UnicodeScript> IGNORED = EnumSet.of(UnicodeScript.COMMON, UnicodeScript.INHERITED,
            UnicodeScript.UNKNOWN);
    private static final Set<UnicodeScript> JAPANESE = EnumSet.of(UnicodeScript.LATIN, UnicodeScript.HAN,
            UnicodeScript.HIRAGANA, UnicodeScript.KATAKANA);
    private static final Set<UnicodeScript> CHINESE = EnumSet.of(UnicodeScript.LATIN, UnicodeScript.HAN,
            UnicodeScript.BOPOMOFO);
    private static final Set<UnicodeScript> KOREAN = EnumSet.of(UnicodeScript.LATIN, UnicodeScript.HAN,
            UnicodeScript.HANGUL);

    private Lookalikes() {
    }

    /**
     * What to tell of a value.
     *
     * @param unicode      the host as a reader sees it, when the value holds an internationalised domain name
     *                     (else null)
     * @param ascii        the same host in its {@code xn--} form, as it travels on the wire (else null)
     * @param mixedScripts the scripts mixed in one word, in order of appearance (empty when no word mixes them)
     * @param word         the first word that mixes them (else null)
     */
    public record Finding(String unicode, String ascii, List<String> mixedScripts, String word) {

        public Finding {
            mixedScripts = List.copyOf(mixedScripts);
        }

        /** The mixed scripts as Unicode names them ("CYRILLIC"), for labels in the reader's language. */
        public List<String> scriptCodes() {
            return mixedScripts.stream().map(n -> n.toUpperCase(Locale.ROOT).replace(' ', '_')).toList();
        }

        /** Whether a word mixes scripts: the value may imitate another. */
        public boolean mixed() {
            return !mixedScripts.isEmpty();
        }

        /** The mixed scripts joined for a sentence: "Latin + Cyrillic". */
        public String scripts() {
            return String.join(" + ", mixedScripts);
        }
    }

    /**
     * What to tell of a value, if anything: an internationalised host (of a domain name, a URL or an e-mail address,
     * in either form) and words that mix scripts. Empty for plain ASCII and for text whose every word keeps to one
     * script.
     */
    public static Optional<Finding> of(String value) {
        if (value == null || value.isEmpty()) {
            return Optional.empty();
        }
        String v = value.length() > MAX_CHARS ? value.substring(0, MAX_CHARS) : value;
        String unicode = null;
        String ascii = null;
        String host = host(v);
        if (host != null) {
            try {
                String u = IDN.toUnicode(host, IDN.ALLOW_UNASSIGNED);
                String a = IDN.toASCII(u, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
                if (!u.equalsIgnoreCase(a)) {
                    unicode = u;
                    ascii = a;
                }
            } catch (IllegalArgumentException notAName) {
                // not a host IDN can convert: only its words are judged
            }
        }
        // the words of what a reader sees: an xn-- host is judged in its Unicode letters
        String seen = unicode == null ? v : v.replace(host, unicode);
        for (String word : words(seen)) {
            List<String> scripts = mixed(word);
            if (!scripts.isEmpty()) {
                return Optional.of(new Finding(unicode, ascii, scripts, word));
            }
        }
        return unicode == null ? Optional.empty() : Optional.of(new Finding(unicode, ascii, List.of(), null));
    }

    /** The host in a value: the whole value when it looks like a name, the part after '@', or a URL's authority. */
    static String host(String v) {
        String s = v.strip();
        int scheme = s.indexOf("://");
        if (scheme > 0) {
            s = s.substring(scheme + 3);
            int end = 0;
            while (end < s.length() && "/?#".indexOf(s.charAt(end)) < 0) {
                end++;
            }
            s = s.substring(0, end);
            int at = s.lastIndexOf('@');
            if (at >= 0) {
                s = s.substring(at + 1);
            }
            if (s.startsWith("[")) {
                return null; // an IPv6 literal
            }
            int colon = s.lastIndexOf(':');
            if (colon >= 0) {
                s = s.substring(0, colon);
            }
        } else {
            int at = s.lastIndexOf('@');
            if (at >= 0) {
                s = s.substring(at + 1);
            }
        }
        if (s.endsWith(".")) {
            s = s.substring(0, s.length() - 1);
        }
        if (s.isEmpty() || s.indexOf('.') < 0) {
            return null;
        }
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            if (cp != '.' && cp != '-' && cp != '_' && !Character.isLetterOrDigit(cp)
                    && Character.getType(cp) != Character.NON_SPACING_MARK
                    && Character.getType(cp) != Character.COMBINING_SPACING_MARK) {
                return null;
            }
            i += Character.charCount(cp);
        }
        return s;
    }

    /** Runs of letters, digits and combining marks. */
    static List<String> words(String s) {
        List<String> words = new ArrayList<>();
        int start = -1;
        for (int i = 0; i <= s.length(); ) {
            int cp = i < s.length() ? s.codePointAt(i) : ' ';
            boolean part = i < s.length() && (Character.isLetterOrDigit(cp)
                    || Character.getType(cp) == Character.NON_SPACING_MARK
                    || Character.getType(cp) == Character.COMBINING_SPACING_MARK);
            if (part && start < 0) {
                start = i;
            } else if (!part && start >= 0) {
                words.add(s.substring(start, i));
                start = -1;
            }
            i += i < s.length() ? Character.charCount(cp) : 1;
        }
        return words;
    }

    /** The scripts of a word's letters when they are more than one that may not go together, else empty. */
    static List<String> mixed(String word) {
        Set<UnicodeScript> scripts = new LinkedHashSet<>();
        for (int i = 0; i < word.length(); ) {
            int cp = word.codePointAt(i);
            i += Character.charCount(cp);
            if (Character.isLetter(cp)) {
                UnicodeScript sc = UnicodeScript.of(cp);
                if (!IGNORED.contains(sc)) {
                    scripts.add(sc);
                }
            }
        }
        if (scripts.size() < 2 || JAPANESE.containsAll(scripts) || CHINESE.containsAll(scripts)
                || KOREAN.containsAll(scripts)) {
            return List.of();
        }
        return scripts.stream().map(Lookalikes::name).toList();
    }

    /** "CYRILLIC" -> "Cyrillic", "OLD_ITALIC" -> "Old Italic". */
    static String name(UnicodeScript script) {
        StringBuilder b = new StringBuilder();
        for (String part : script.name().split("_")) {
            if (!b.isEmpty()) {
                b.append(' ');
            }
            b.append(part.charAt(0)).append(part.substring(1).toLowerCase(Locale.ROOT));
        }
        return b.toString();
    }
}
