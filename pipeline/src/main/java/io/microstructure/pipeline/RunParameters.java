package io.microstructure.pipeline;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The options of a run as its record keeps them ({@code _runs/<run-id>.json}, "parameters"):
 * every {@link MicrostructureOptions} value by option name, so that a root tells how it was made.
 * Only this interface's options: runner and filesystem settings (credentials among them) stay out.
 */
public final class RunParameters {
  private RunParameters() {}

  public static Map<String, String> of(MicrostructureOptions options) {
    Map<String, String> values = new TreeMap<>();
    for (Method m : MicrostructureOptions.class.getDeclaredMethods()) {
      if (!m.getName().startsWith("get") || m.getParameterCount() != 0) {
        continue;
      }
      String name = m.getName().substring(3);
      name = name.substring(0, 1).toLowerCase(Locale.ROOT) + name.substring(1);
      if (name.equals("runId")) {
        continue;
      }
      try {
        Object value = m.invoke(options);
        if (value != null) {
          values.put(name, value.toString());
        }
      } catch (IllegalAccessException | InvocationTargetException e) {
        throw new IllegalStateException("option " + name + ": " + e.getMessage(), e);
      }
    }
    return values;
  }
}
