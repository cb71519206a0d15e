package io.microstructure.runners.dataflow;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.microstructure.pipeline.MicrostructureOptions;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.options.Validation;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@code metadata.json} (the Flex Template's parameters) stays in step with {@link
 * MicrostructureOptions}: one parameter per option, required exactly when the option is, the
 * documented defaults are the real ones and every regex accepts its default.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FlexTemplateMetadataTest {
  private static final Pattern DEFAULT = Pattern.compile("Default: ([^ ]+)$");

  private final TreeMap<String, JsonObject> parameters = new TreeMap<>();
  private final TreeMap<String, Method> getters = new TreeMap<>();

  @BeforeAll
  void read() throws Exception {
    JsonObject meta =
        JsonParser.parseString(Files.readString(Path.of("metadata.json"), StandardCharsets.UTF_8))
            .getAsJsonObject();
    assertThat(meta.get("name").getAsString()).isNotBlank();
    for (JsonElement e : meta.getAsJsonArray("parameters")) {
      JsonObject p = e.getAsJsonObject();
      assertThat(parameters.put(p.get("name").getAsString(), p)).as("duplicate").isNull();
    }
    for (Method m : MicrostructureOptions.class.getDeclaredMethods()) {
      if (m.getName().startsWith("get") && m.getParameterCount() == 0) {
        String name = m.getName().substring(3);
        getters.put(name.substring(0, 1).toLowerCase(Locale.ROOT) + name.substring(1), m);
      }
    }
  }

  @Test
  void listsEveryPipelineOptionAndNothingElse() {
    assertThat(new TreeSet<>(parameters.keySet())).isEqualTo(new TreeSet<>(getters.keySet()));
  }

  @Test
  void requiredExactlyWhenTheOptionIs() {
    for (var e : parameters.entrySet()) {
      boolean required = getters.get(e.getKey()).isAnnotationPresent(Validation.Required.class);
      assertThat(e.getValue().get("isOptional").getAsBoolean()).as(e.getKey()).isEqualTo(!required);
      assertThat(e.getValue().get("label").getAsString()).as(e.getKey()).isNotBlank();
      assertThat(e.getValue().get("helpText").getAsString()).as(e.getKey()).isNotBlank();
    }
  }

  @Test
  void documentedDefaultsAreTheRealOnesAndMatchTheRegexes() throws Exception {
    MicrostructureOptions defaults =
        PipelineOptionsFactory.create().as(MicrostructureOptions.class);
    for (var e : parameters.entrySet()) {
      Object value = getters.get(e.getKey()).invoke(defaults);
      String help = e.getValue().get("helpText").getAsString();
      Matcher m = DEFAULT.matcher(help);
      if (value == null
          || (value instanceof java.util.Collection<?> c && c.isEmpty())
          || (value instanceof java.util.Map<?, ?> mp && mp.isEmpty())) {
        assertThat(m.find()).as("%s has no default", e.getKey()).isFalse();
        continue;
      }
      assertThat(m.find()).as("%s documents its default", e.getKey()).isTrue();
      assertThat(m.group(1)).as(e.getKey()).isEqualTo(flag(value));
      List<Pattern> regexes = new ArrayList<>();
      for (JsonElement r : e.getValue().getAsJsonArray("regexes")) {
        regexes.add(Pattern.compile(r.getAsString()));
      }
      assertThat(regexes).as(e.getKey()).isNotEmpty();
      for (Pattern r : regexes) {
        assertThat(r.matcher(flag(value)).matches()).as("%s ~ %s", e.getKey(), r).isTrue();
      }
    }
  }

  @Test
  void pathRegexesTakeCloudStoragePathsOnly() {
    for (String path : List.of("rawRoot", "outputRoot", "legacyInput")) {
      Pattern r =
          Pattern.compile(parameters.get(path).getAsJsonArray("regexes").get(0).getAsString());
      assertThat(r.matcher("gs://bucket/prefix").matches()).as(path).isTrue();
      assertThat(r.matcher("/local/path").matches()).as(path).isFalse();
    }
  }

  /** A value as it is written on the command line: lists comma-separated, 10.0 as 10. */
  private static String flag(Object value) {
    if (value instanceof List<?> list) {
      return list.stream().map(FlexTemplateMetadataTest::flag).collect(Collectors.joining(","));
    }
    if (value instanceof Double d && d == Math.rint(d)) {
      return Long.toString(d.longValue());
    }
    return value.toString();
  }
}
