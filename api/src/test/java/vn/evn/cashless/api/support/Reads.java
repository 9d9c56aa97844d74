package vn.evn.cashless.api.support;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import tools.jackson.databind.JsonNode;

/** Reading the read models as a client does: waiting until they have caught up, then picking out figures. */
public final class Reads {

    private Reads() {
    }

    /** Waits, with a deadline, until every read model has processed every event stored so far. */
    public static void awaitCaughtUp(Http http) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
                .until(() -> http.get("/api/status").json().get("caughtUp").asBoolean());
    }

    /**
     * Waits, with a deadline, until the demo data is loaded (on whichever node) and every read model has caught up;
     * answers the status then. A failed load fails at once.
     */
    public static JsonNode awaitDemoLoaded(Http http) {
        JsonNode[] last = new JsonNode[1];
        await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            JsonNode status = http.get("/api/status").json();
            last[0] = status;
            String state = status.get("demo").get("state").asString();
            if (state.equals("failed")) {
                throw new AssertionError("demo load failed: " + status);
            }
            return state.equals("loaded") && status.get("caughtUp").asBoolean();
        });
        return last[0];
    }

    /** One indicator of a plan-progress answer, by name. */
    public static JsonNode indicator(JsonNode progress, String name) {
        for (JsonNode indicator : progress.get("indicators")) {
            if (indicator.get("name").asString().equals(name)) {
                return indicator;
            }
        }
        throw new AssertionError("no indicator " + name + " in " + progress);
    }
}
