package vn.evn.cashless.application.nodes;

import java.util.List;
import java.util.OptionalLong;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The segments of every read model as the token store holds them: who claims each (a node's name, or nobody) and
 * how far it got. Read from the table, so it shows the other nodes' segments too, without claiming any.
 */
@Component
public class Segments {

    /** One segment of one processing group. {@code position} is 0 before its first event. */
    public record Segment(String group, int segment, String owner, long position) {
    }

    private final JdbcTemplate jdbc;
    private final Serializer serializer;

    public Segments(JdbcTemplate jdbc, @Qualifier("serializer") Serializer serializer) {
        this.jdbc = jdbc;
        this.serializer = serializer;
    }

    public List<Segment> of(String group) {
        return jdbc.query("""
                SELECT processorname, segment, owner, token, tokentype FROM tokenentry
                WHERE processorname = ? ORDER BY segment""", (rs, i) -> new Segment(rs.getString("processorname"),
                rs.getInt("segment"), rs.getString("owner"), position(rs.getBytes("token"),
                rs.getString("tokentype"))), group);
    }

    /** How many segments {@code group} has; 0 before its processor first ran. */
    public int count(String group) {
        Integer count = jdbc.queryForObject("SELECT count(*) FROM tokenentry WHERE processorname = ?",
                Integer.class, group);
        return count == null ? 0 : count;
    }

    private long position(byte[] token, String type) {
        if (token == null || type == null) {
            return 0;
        }
        TrackingToken tracking = serializer.deserialize(new SimpleSerializedObject<>(token, byte[].class, type,
                null));
        OptionalLong position = tracking == null ? OptionalLong.empty() : tracking.position();
        return position.orElse(0);
    }
}
