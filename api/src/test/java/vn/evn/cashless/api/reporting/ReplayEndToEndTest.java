package vn.evn.cashless.api.reporting;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import vn.evn.cashless.api.support.EndToEndTest;

/** Every read model rebuilt from the first event gives the same answers as before, as an auditor's replay must. */
class ReplayEndToEndTest extends EndToEndTest {

    @Autowired
    private EventProcessingConfiguration processing;

    @Test
    void rebuildingEveryReadModelFromTheHistoryGivesTheSameFigures() {
        String town = uniqueCommuneCode();
        String quiet = uniqueCommuneCode();
        String branch = branchWith(town, quiet);
        String bank = customer(branch, town);
        String cash = customer(branch, quiet);
        http().post("/api/customers/" + bank + "/payment-channels",
                Map.of("kind", "BANK", "provider", "Agribank", "registeredAt", "2020-06-01T00:00:00Z"));
        http().post("/api/customers/" + bank + "/notification-channels",
                Map.of("channel", "ZALO", "registeredAt", "2020-06-01T00:00:00Z"));
        String reversed = paidBill(bank, "2021-02", 300_000, "BANK", "Agribank", "2021-02-10T03:00:00Z");
        http().post("/api/payments/" + reversed + "/reversal", Map.of("reason", "trùng", "reversedAt",
                "2021-02-11T03:00:00Z"));
        paidBill(bank, "2021-03", 600_000, "BANK", "Agribank", "2021-03-10T03:00:00Z");
        paidBill(cash, "2021-03", 50_000, "COLLECTOR", "Thu tiền tại nhà", "2021-03-31T17:30:00Z");
        plan(branch, "2021-Q1", List.of("BANK", "E_WALLET"));
        awaitReadModels();
        List<String> reads = List.of("/api/branches/" + branch + "/coverage?period=2021-Q1",
                "/api/branches/" + branch + "/coverage?period=2021-04",
                "/api/plans/" + branch + "/2021-Q1/progress",
                "/api/branches/" + branch + "/channels?period=2021",
                "/api/customers/" + bank,
                "/api/customers/" + bank + "/payments");
        List<JsonNode> before = reads.stream().map(path -> http().get(path).json()).toList();

        processing.eventProcessors().values().stream()
                .filter(StreamingEventProcessor.class::isInstance).map(StreamingEventProcessor.class::cast)
                .forEach(processor -> {
                    processor.shutDown();
                    processor.resetTokens();
                    processor.start();
                });
        awaitReadModels();

        List<JsonNode> after = reads.stream().map(path -> http().get(path).json()).toList();
        assertThat(after).isEqualTo(before);
        assertThat(before.get(2).get("totals").get("payments").asLong()).isEqualTo(1);
        assertThat(before.get(1).get("totals").get("payments").asLong()).isEqualTo(1);
    }
}
