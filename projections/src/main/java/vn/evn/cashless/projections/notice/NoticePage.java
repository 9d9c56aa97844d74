package vn.evn.cashless.projections.notice;

import java.util.List;

/** A page of a customer's notice rows and how many rows there are. */
public record NoticePage(List<NoticeView> items, long total) {
}
