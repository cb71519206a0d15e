package io.microstructure.baselines;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fills the {@code ${name}} parameters of a SQL script. Values land inside SQL string literals, so
 * single quotes are doubled. The syntax is envsubst's, so the script also runs by hand through
 * {@code envsubst | duckdb}.
 */
final class ScriptParameters {
  private static final Pattern PARAMETER = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");

  private ScriptParameters() {}

  /** The script with every parameter replaced; an unknown parameter is an error, not left in. */
  static String substitute(String script, Map<String, String> values) {
    Matcher m = PARAMETER.matcher(script);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String value = values.get(m.group(1));
      if (value == null) {
        throw new IllegalArgumentException(
            "the script uses ${"
                + m.group(1)
                + "}, which has no value (known: "
                + values.keySet()
                + ")");
      }
      m.appendReplacement(out, Matcher.quoteReplacement(value.replace("'", "''")));
    }
    m.appendTail(out);
    return out.toString();
  }
}
