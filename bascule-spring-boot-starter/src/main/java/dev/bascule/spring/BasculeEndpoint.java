package dev.bascule.spring;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bascule.Bascule;
import dev.bascule.StatusReport;
import dev.bascule.plan.Plan;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;

import java.util.List;

/**
 * {@code /actuator/bascule}: every migration and its state, as {@code bascule status --json} prints them, read
 * afresh from the sources and the history table on each request.
 */
@Endpoint(id = "bascule")
public class BasculeEndpoint {

    /** The body: the environment, the database (never its password), problems, and the migrations. */
    public record Status(String environment, String database, List<String> problems, JsonNode migrations) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Bascule bascule;

    public BasculeEndpoint(Bascule bascule) {
        this.bascule = bascule;
    }

    @ReadOperation
    public Status status() {
        Plan plan = bascule.status();
        String json = new StatusReport(bascule.settings().baseDir()).json(plan);
        try {
            return new Status(bascule.settings().environment(), bascule.database().describe(),
                    plan.problems().stream().map(Object::toString).toList(), JSON.readTree(json));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("StatusReport writes JSON", e);
        }
    }
}
