package vn.evn.cashless.application.organisation;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.jackson3.Jackson3Serializer;
import org.axonframework.serialization.upcasting.event.InitialEventRepresentation;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.junit.jupiter.api.Test;
import vn.evn.cashless.domain.organisation.BranchCreated;

/** Revision 1 of BranchCreated, as stored before company codes, is read as revision 2 with the derived code. */
class BranchCreatedUpcasterTest {

    private final Jackson3Serializer serializer = Jackson3Serializer.builder().build();
    private final BranchCreatedUpcaster upcaster = new BranchCreatedUpcaster();

    @Test
    void aRevisionOneEventGetsTheCodeItsCompanyNameGives() {
        BranchCreated read = upcastAndRead("1",
                "{\"branch\":\"BM\",\"name\":\"Điện lực Bắc Mê\",\"company\":\"PC Hà Giang\"}");

        assertThat(read).isEqualTo(new BranchCreated("BM", "Điện lực Bắc Mê", "PC Hà Giang", "PCHAGIANG"));
    }

    @Test
    void aCompanyNameThatGivesNoCodeLeavesItNull() {
        BranchCreated read = upcastAndRead("1", "{\"branch\":\"BM\",\"name\":\"Điện lực Bắc Mê\",\"company\":\"—\"}");

        assertThat(read.companyCode()).isNull();
        assertThat(read.company()).isEqualTo("—");
    }

    @Test
    void aRevisionTwoEventIsLeftAsItIs() {
        String json = "{\"branch\":\"BM\",\"name\":\"Điện lực Bắc Mê\",\"company\":\"PC Hà Giang\","
                + "\"companyCode\":\"EVNHG\"}";
        IntermediateEventRepresentation stored = stored("2", json);

        List<IntermediateEventRepresentation> upcast = upcaster.upcast(Stream.of(stored)).toList();

        assertThat(upcast).containsExactly(stored);
        assertThat(serializer.<byte[], BranchCreated>deserialize(upcast.get(0).getData(byte[].class)).companyCode())
                .isEqualTo("EVNHG");
    }

    private BranchCreated upcastAndRead(String revision, String json) {
        List<IntermediateEventRepresentation> upcast = upcaster.upcast(Stream.of(stored(revision, json))).toList();
        assertThat(upcast).hasSize(1);
        assertThat(upcast.get(0).getType().getRevision()).isEqualTo("2");
        SerializedObject<byte[]> data = upcast.get(0).getData(byte[].class);
        return serializer.deserialize(data);
    }

    private IntermediateEventRepresentation stored(String revision, String json) {
        GenericDomainEventEntry<byte[]> entry = new GenericDomainEventEntry<>("Branch", "BM", 0, "e-1",
                Instant.parse("2021-01-01T00:00:00Z"), BranchCreated.class.getName(), revision,
                json.getBytes(StandardCharsets.UTF_8), "{}".getBytes(StandardCharsets.UTF_8));
        return new InitialEventRepresentation(entry, serializer);
    }
}
