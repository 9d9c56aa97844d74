package vn.evn.cashless.projections.support;

import java.util.List;

/** One page of a list, and how many rows the whole list has. */
public record Page<T>(List<T> items, long total) {

    /** The page of a list already in memory. */
    public static <T> Page<T> of(List<T> all, PageRequest request) {
        int from = (int) Math.min(all.size(), request.offset());
        int to = (int) Math.min(all.size(), from + (long) request.size());
        return new Page<>(List.copyOf(all.subList(from, to)), all.size());
    }
}
