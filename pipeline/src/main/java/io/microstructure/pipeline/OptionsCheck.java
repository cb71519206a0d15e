package io.microstructure.pipeline;

import java.util.List;
import java.util.function.Consumer;
import java.util.Map;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.options.PipelineOptionsValidator;

/**
 * Checks the values of {@link MicrostructureOptions} before anything is read or built, naming the
 * flag: {@code --horizons: must be > 0, got -5}. The same rules as the YAML config's (the feature
 * parameters' own builder checks), so a flag and its config twin fail alike.
 */
public final class OptionsCheck {
  /** The feature parameters' names (features.md, the YAML keys) → their flags. */
  private static final Map<String, String> FLAGS = FeatureOption.flagsByParameter();

  private static final java.util.regex.Pattern UNKNOWN_PROPERTY =
      java.util.regex.Pattern.compile(
          "missing a property named '([^']+)'\\.(?: Did you mean '([^']+)'\\?)?");

  private OptionsCheck() {}

  /**
   * Parses Beam arguments into options and {@link #check checks} them.
   *
   * @throws IllegalArgumentException naming the flag that does not parse or cannot run
   */
  public static MicrostructureOptions parse(List<String> args) {
    return parse(args, options -> {});
  }

  /**
   * Parses Beam arguments into options, lets {@code configure} set what the arguments leave out
   * (the config file), then {@link #check checks} them.
   *
   * @throws IllegalArgumentException naming the flag that does not parse or cannot run
   */
  public static MicrostructureOptions parse(
      List<String> args, Consumer<MicrostructureOptions> configure) {
    MicrostructureOptions options;
    try {
      options =
          PipelineOptionsFactory.fromArgs(args.toArray(new String[0]))
              .as(MicrostructureOptions.class);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(culprit(args, e), e);
    }
    configure.accept(options);
    check(options);
    return options;
  }

  /**
   * What a run needs beyond {@link #check}: the options Beam requires ({@code @Validation.Required}:
   * the output root) and an input. A dry run needs neither.
   */
  public static void checkRunnable(MicrostructureOptions o) {
    PipelineOptionsValidator.validate(MicrostructureOptions.class, o);
    if (o.getRawRoot() == null && o.getLegacyInput() == null) {
      throw new IllegalArgumentException("--rawRoot: missing (or give --legacyInput)");
    }
    check(o);
  }

  /**
   * Beam's parse error, led by the argument that causes it: Jackson's messages about a value
   * ("Cannot deserialize value of type `java.lang.Long` from String "abc"") do not say which flag
   * it was.
   */
  private static final java.util.regex.Pattern CHOICE_PROBLEM =
      java.util.regex.Pattern.compile("Cannot construct instance of `[^`]+`, problem: (.*)$");

  private static String culprit(List<String> args, IllegalArgumentException e) {
    String message = e.getMessage() == null ? "cannot parse the options" : e.getMessage();
    java.util.regex.Matcher unknown = UNKNOWN_PROPERTY.matcher(message);
    if (unknown.find()) {
      // Beam names the options interface ("Class interface io.… missing a property named 'x'").
      return "unknown option --"
          + unknown.group(1)
          + (unknown.group(2) != null ? "; did you mean --" + unknown.group(2) + "?" : "");
    }
    int source = message.indexOf(" at [Source:");
    String shown = (source > 0 ? message.substring(0, source) : message).strip();
    // A choice option's own parse message, without Jackson's wrapping of it ("Cannot construct
    // instance of `io.….CaptureTsUnitSetting`, problem: unknown time unit 's' (…)").
    java.util.regex.Matcher problem = CHOICE_PROBLEM.matcher(shown);
    if (problem.find()) {
      shown = problem.group(1);
    }
    for (String a : args) {
      if (!a.startsWith("--") || message.contains(a.replaceFirst("=.*", ""))) {
        continue; // Beam named it already
      }
      try {
        PipelineOptionsFactory.fromArgs(a).as(MicrostructureOptions.class);
      } catch (IllegalArgumentException single) {
        return a.replaceFirst("=.*", "") + ": " + shown;
      }
    }
    return shown;
  }

  /**
   * @throws IllegalArgumentException naming the first flag whose value cannot run, e.g. {@code
   *     "--captureTsUnit: unknown time unit 's' (auto, ms, us, ns)"}
   */
  public static void check(MicrostructureOptions o) {
    try {
      MicrostructurePipeline.featureParameters(o);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(withFlag(e.getMessage()), e);
    }
    flag("--inputColumns", () -> MicrostructurePipeline.columnNames(o));
    flag("--channels", () -> ChannelChoice.channels(o.getChannels()));
    flag("--mode", () -> MicrostructurePipeline.isVectorized(o));
    String source = o.getSource();
    if (source == null || source.isBlank() || source.contains("/") || source.startsWith(".")) {
      throw new IllegalArgumentException(
          "--source: must be a folder name under ready/, got '" + source + "'");
    }
  }

  /** {@code "horizons must be > 0, got -5"} → {@code "--horizons: must be > 0, got -5"}. */
  static String withFlag(String message) {
    for (Map.Entry<String, String> e : FLAGS.entrySet()) {
      if (message.startsWith(e.getKey() + " ")) {
        return e.getValue() + ": " + message.substring(e.getKey().length() + 1);
      }
    }
    return message;
  }

  private static void flag(String name, Runnable check) {
    try {
      check.run();
    } catch (IllegalArgumentException | NullPointerException e) {
      String m = e.getMessage() == null ? "missing" : e.getMessage();
      throw new IllegalArgumentException(
          m.startsWith(name) ? m : name + ": " + m.replaceFirst("^" + name + " ", ""), e);
    }
  }
}
