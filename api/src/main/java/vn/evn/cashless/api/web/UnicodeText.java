package vn.evn.cashless.api.web;

import java.text.Normalizer;

/**
 * One name for one thing: Vietnamese text can be written with precomposed letters (NFC) or with a base letter and
 * combining marks (NFD), and the two look the same to a person. Every text a request carries is brought to NFC
 * before anything else reads it, so "MoMo Việt" sent either way is one provider, one customer name, one key.
 */
public final class UnicodeText {

    private UnicodeText() {
    }

    public static String nfc(String text) {
        return text == null || Normalizer.isNormalized(text, Normalizer.Form.NFC) ? text
                : Normalizer.normalize(text, Normalizer.Form.NFC);
    }
}
