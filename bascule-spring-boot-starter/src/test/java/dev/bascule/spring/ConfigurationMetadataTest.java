package dev.bascule.spring;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The metadata IDEs complete {@code bascule.*} from, as packaged in the starter's jar. */
class ConfigurationMetadataTest {

    @Test
    void everyPropertyHasADescriptionAndTheDefaultsAreThere() throws Exception {
        JsonNode metadata;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("META-INF/spring-configuration-metadata.json")) {
            assertThat(in).as("META-INF/spring-configuration-metadata.json").isNotNull();
            metadata = new ObjectMapper().readTree(in);
        }
        Map<String, JsonNode> properties = new HashMap<>();
        metadata.get("properties").forEach(p -> properties.put(p.get("name").asText(), p));

        assertThat(properties).containsKeys("bascule.enabled", "bascule.mode", "bascule.url", "bascule.user",
                "bascule.password", "bascule.locations", "bascule.manifest", "bascule.lock-timeout", "bascule.target");
        properties.entrySet().stream().filter(e -> e.getKey().startsWith("bascule."))
                .forEach(e -> assertThat(e.getValue().path("description").asText()).as(e.getKey()).isNotBlank());
        assertThat(properties.get("bascule.locations").get("defaultValue").toString()).contains("classpath:db/migration");
        assertThat(properties.get("bascule.lock-timeout").get("defaultValue").asText()).isEqualTo("10s");
        assertThat(properties.get("bascule.enabled").get("defaultValue").asBoolean()).isTrue();
        assertThat(properties.get("bascule.mode").get("type").asText()).isEqualTo("dev.bascule.spring.BasculeProperties$Mode");
    }
}
