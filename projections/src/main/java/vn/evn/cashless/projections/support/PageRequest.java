package vn.evn.cashless.projections.support;

/** Which page of a list is asked for: {@code page} counts from 0, {@code size} rows a page. */
public record PageRequest(int page, int size) {

    public PageRequest {
        if (page < 0 || size < 1) {
            throw new IllegalArgumentException("page from 0, size from 1");
        }
    }

    public long offset() {
        return (long) page * size;
    }
}
