package vn.evn.cashless.api.web;

import vn.evn.cashless.domain.shared.InvalidValueException;
import vn.evn.cashless.projections.support.PageRequest;

/**
 * The {@code page} and {@code size} query parameters every list takes: {@code page} counts from 0 (default 0),
 * {@code size} from 1 to {@value #MAX_SIZE} (default {@value #DEFAULT_SIZE}). Every list answers with its
 * {@code total}, so a client knows how many pages there are.
 */
public final class Paging {

    public static final int DEFAULT_SIZE = 50;
    public static final int MAX_SIZE = 500;
    private static final int MAX_PAGE = 10_000_000;

    private Paging() {
    }

    public static PageRequest of(String page, String size) {
        return of(page, size, DEFAULT_SIZE);
    }

    public static PageRequest of(String page, String size, int defaultSize) {
        return new PageRequest(number("page", page, 0, 0, MAX_PAGE), number("size", size, defaultSize, 1, MAX_SIZE));
    }

    private static int number(String field, String raw, int otherwise, int min, int max) {
        if (raw == null) {
            return otherwise;
        }
        String text = raw.strip();
        if (!text.matches("[0-9]{1,9}")) {
            throw new InvalidValueException(field, "must be a whole number from " + min + " to " + max);
        }
        int value = Integer.parseInt(text);
        if (value < min || value > max) {
            throw new InvalidValueException(field, "must be a whole number from " + min + " to " + max);
        }
        return value;
    }
}
