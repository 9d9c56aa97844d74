package vn.evn.cashless.application.admin;

import java.util.List;
import java.util.function.Function;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A read model as a rebuild sees it: the processing group that keeps it, its tables, and how to make its event
 * handlers write through another connection.
 *
 * @param name                  the processing group
 * @param tables                its tables, those others refer to first
 * @param handlers              new instances of its event-handling components, writing through the given template
 * @param inCommandTransaction  kept by a subscribing processor inside each command's transaction (the command-side
 *                              look-ups) rather than by a streaming processor with a token
 */
public record ReadModel(String name, List<String> tables, Function<JdbcTemplate, List<Object>> handlers,
                        boolean inCommandTransaction) {
}
