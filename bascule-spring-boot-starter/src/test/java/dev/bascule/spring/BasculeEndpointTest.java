package dev.bascule.spring;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bascule.testing.EmbeddedPostgresExtension;
import dev.bascule.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code GET /actuator/bascule} over HTTP on a real server. */
@ExtendWith(EmbeddedPostgresExtension.class)
class BasculeEndpointTest {

    @Test
    void actuatorEndpointAnswersWithTheStatus(TestDatabase db) throws Exception {
        try (ConfigurableApplicationContext app = BootApp.start(WebApplicationType.SERVLET, db, List.of(),
                "server.port=0", "server.address=127.0.0.1", "management.endpoints.web.exposure.include=health,bascule")) {
            String port = app.getEnvironment().getProperty("local.server.port");
            HttpResponse<String> response = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build().send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/bascule"))
                            .timeout(Duration.ofSeconds(30)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).get().asString().contains("json");
            JsonNode body = new ObjectMapper().readTree(response.body());
            assertThat(body.get("environment").asText()).isEqualTo("spring");
            assertThat(body.get("database").asText()).startsWith("the application's DataSource");
            assertThat(body.get("problems")).isEmpty();
            assertThat(body.get("migrations").findValuesAsText("file")).containsExactly(
                    "20260101090000_create_things.up.sql", "20260102090000_create_notes.up.sql");
            assertThat(body.get("migrations").findValuesAsText("state")).containsExactly("applied", "applied");
        }
    }
}
