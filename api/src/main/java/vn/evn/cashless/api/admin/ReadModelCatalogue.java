package vn.evn.cashless.api.admin;

import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import vn.evn.cashless.application.admin.ReadModel;
import vn.evn.cashless.application.admin.ReadModels;
import vn.evn.cashless.application.billing.PaymentReferences;
import vn.evn.cashless.application.channel.ProviderDirectory;
import vn.evn.cashless.application.customer.CustomerDirectory;
import vn.evn.cashless.application.infrastructure.AxonSetup;
import vn.evn.cashless.application.organisation.OrganisationDirectory;
import vn.evn.cashless.projections.billing.PaymentProjection;
import vn.evn.cashless.projections.customer.CustomerProjection;
import vn.evn.cashless.projections.figures.FigureProjection;
import vn.evn.cashless.projections.notice.NoticeProjection;
import vn.evn.cashless.projections.organisation.OrganisationProjection;
import vn.evn.cashless.projections.plan.PlanProjection;

/**
 * Every read model, its tables and its handlers, in one list: the only place that knows both the projections and the
 * command-side look-ups, as the application module does not depend on the projections.
 */
@Configuration(proxyBeanMethods = false)
class ReadModelCatalogue {

    @Bean
    ReadModels readModels() {
        return new ReadModels(List.of(
                new ReadModel(OrganisationProjection.GROUP, List.of("rm_branch", "rm_commune", "rm_plan_revision"),
                        jdbc -> List.of(new OrganisationProjection(jdbc), new PlanProjection(jdbc)), false),
                new ReadModel(CustomerProjection.GROUP,
                        List.of("rm_customer", "rm_payment_channel", "rm_notification_channel",
                                "rm_customer_name_key"),
                        jdbc -> List.of(new CustomerProjection(jdbc)), false),
                new ReadModel(PaymentProjection.GROUP, List.of("rm_payment", "rm_bill"),
                        jdbc -> List.of(new PaymentProjection(jdbc)), false),
                new ReadModel(FigureProjection.GROUP, List.of("fig_commune", "fig_customer", "fig_registration",
                        "fig_month", "fig_customer_month", "fig_plan", "fig_customer_count", "fig_paying",
                        "fig_registered", "fig_period"),
                        jdbc -> List.of(new FigureProjection(jdbc)), false),
                new ReadModel(NoticeProjection.GROUP, List.of("rm_notice", "rm_notice_channel_month",
                        "rm_notice_customer_month"), jdbc -> List.of(new NoticeProjection(jdbc)), false),
                new ReadModel(AxonSetup.COMMAND_LOOKUPS, List.of("branch_directory", "commune_directory",
                        "customer_directory", "payment_reference", "provider_directory"),
                        jdbc -> List.of(new OrganisationDirectory(jdbc), new CustomerDirectory(jdbc),
                                new PaymentReferences(jdbc), ProviderDirectory.rebuilding(jdbc)), true)));
    }
}
