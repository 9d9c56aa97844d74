package vn.evn.cashless.application.infrastructure;

import org.springframework.boot.autoconfigure.AutoConfiguration;

/**
 * Orders Axon's JDBC and transaction auto-configuration after Spring Boot 4's DataSource and transaction manager.
 * Without it Axon's auto-configuration runs first, finds no DataSource, and silently runs with a no-op transaction
 * manager. Empty on purpose: the ordering is the whole point.
 */
@AutoConfiguration(
        afterName = {
                "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
                "org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration",
                "org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration"},
        beforeName = {
                "org.axonframework.springboot.autoconfig.JdbcAutoConfiguration",
                "org.axonframework.springboot.autoconfig.TransactionAutoConfiguration",
                "org.axonframework.springboot.autoconfig.NoOpTransactionAutoConfiguration",
                "org.axonframework.springboot.autoconfig.AxonAutoConfiguration"})
public class AxonAfterDataSourceAutoConfiguration {
}
