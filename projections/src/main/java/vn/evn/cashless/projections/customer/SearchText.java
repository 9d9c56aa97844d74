package vn.evn.cashless.projections.customer;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Vietnamese text as the customer search compares it: NFC, then without diacritics (đ as d), lower case, every run
 * of other characters one space. "Nguyễn Văn Ân" and "nguyen van an" fold alike, and so do "Bắc Mê" and "bac me".
 */
public final class SearchText {

    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern SEPARATORS = Pattern.compile("[^a-z0-9]+");

    private SearchText() {
    }

    public static String fold(String text) {
        if (text == null) {
            return "";
        }
        String nfc = Normalizer.normalize(text, Normalizer.Form.NFC);
        String bare = MARKS.matcher(Normalizer.normalize(nfc, Normalizer.Form.NFD)).replaceAll("")
                .replace('Đ', 'D').replace('đ', 'd').toLowerCase(Locale.ROOT);
        return SEPARATORS.matcher(bare).replaceAll(" ").strip();
    }

    /** The folded name from each of its words on: what a search for any word prefix of the name looks up. */
    public static List<String> keys(String name) {
        String folded = fold(name);
        List<String> keys = new ArrayList<>();
        if (folded.isEmpty()) {
            return keys;
        }
        keys.add(folded);
        for (int i = folded.indexOf(' '); i >= 0; i = folded.indexOf(' ', i + 1)) {
            keys.add(folded.substring(i + 1));
        }
        return keys;
    }
}
