package io.microstructure.storage;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Takes credentials out of text meant for people (error lines, summaries): every message the
 * command line prints goes through {@link #apply}.
 *
 * <p>Two nets, because a message can show a secret without its key (a JSON parser's "Unrecognized
 * token 'wJalr…'"):
 *
 * <ul>
 *   <li>by shape: the value after a credential-looking key ({@code secretAccessKey}, {@code
 *       secret_access_key}, {@code sessionToken}, {@code accessKeyId}, {@code password} … in JSON,
 *       YAML or {@code key=value} form, quoted, unquoted or cut off) and the password of a URI's
 *       user info ({@code http://user:secret@host});
 *   <li>by value: every secret seen on the way in ({@link #rememberIn} on arguments and config
 *       text, {@link #remember} on parsed settings, the AWS_* variables of the environment),
 *       wherever it appears.
 * </ul>
 *
 * <p>Access key ids are redacted too: AWS does not count them as secret, but the README promises
 * that keys never appear in messages, and an id names the account it belongs to.
 */
public final class Redaction {
  /** What a redacted value becomes. */
  public static final String MASK = "***";

  /** Values shorter than this are not remembered: masking them would garble unrelated text. */
  private static final int MIN_REMEMBERED = 4;

  private static final String KEY =
      "(?:aws_?)?(?:secret_?access_?key|secret_?key|secret|session_?token|security_?token"
          + "|access_?key_?id|access_?key|password|passwd|pwd)";

  /**
   * A credential key, optionally quoted, then ':' or '=', then its value in any form. Not the last
   * part of a key path ({@code storage.s3.credentials.secret_access_key: expected a string}):
   * config messages name keys that way, and what follows is no value.
   */
  private static final Pattern ASSIGNMENT =
      Pattern.compile(
          "(?i)((?<![\\w.])[\"']?"
              + KEY
              + "[\"']?\\s*[:=]\\s*)"
              + "(\"(?:[^\"\\\\]|\\\\.)*\"?|'[^']*'?|[^\\s,;}&\"']+)");

  /** {@code scheme://user:password@}: the password. */
  private static final Pattern USER_INFO =
      Pattern.compile("(?i)(\\b[a-z][a-z0-9+.-]*://[^/\\s:@]*):([^/\\s@]*)@");

  private static final List<String> ENVIRONMENT =
      List.of("AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_ACCESS_KEY_ID");

  private static final Set<String> KNOWN = ConcurrentHashMap.newKeySet();

  static {
    for (String name : ENVIRONMENT) {
      remember(System.getenv(name));
    }
  }

  private Redaction() {}

  /**
   * Masks {@code secret} wherever it appears from now on. Null and very short values are ignored.
   */
  public static void remember(String secret) {
    if (secret != null && secret.strip().length() >= MIN_REMEMBERED) {
      KNOWN.add(secret.strip());
    }
  }

  /**
   * Remembers the values of credential-looking keys and URI passwords in {@code text} (command-line
   * arguments, a config file), even when the text does not parse.
   */
  public static void rememberIn(String text) {
    if (text == null) {
      return;
    }
    Matcher a = ASSIGNMENT.matcher(text);
    while (a.find()) {
      remember(unquote(a.group(2)));
    }
    Matcher u = USER_INFO.matcher(text);
    while (u.find()) {
      remember(u.group(2));
    }
  }

  /** {@link #rememberIn} for each argument. */
  public static void rememberIn(Iterable<String> args) {
    for (String a : args) {
      rememberIn(a);
    }
  }

  /** The text with every credential masked; null stays null. */
  public static String apply(String text) {
    if (text == null || text.isEmpty()) {
      return text;
    }
    String out = text;
    for (String secret : KNOWN) {
      out = out.replace(secret, MASK);
    }
    out = ASSIGNMENT.matcher(out).replaceAll(m -> Matcher.quoteReplacement(masked(m)));
    return USER_INFO.matcher(out).replaceAll("$1:" + Matcher.quoteReplacement(MASK) + "@");
  }

  private static String masked(MatchResult m) {
    String value = m.group(2);
    // Quotes as they were: a value cut off before its closing quote stays open.
    String open = value.startsWith("\"") ? "\"" : value.startsWith("'") ? "'" : "";
    String close = !open.isEmpty() && value.length() > 1 && value.endsWith(open) ? open : "";
    return m.group(1) + open + MASK + close;
  }

  private static String unquote(String v) {
    String s = v;
    if (s.startsWith("\"") || s.startsWith("'")) {
      s = s.substring(1);
    }
    if (s.endsWith("\"") || s.endsWith("'")) {
      s = s.substring(0, s.length() - 1);
    }
    return s;
  }
}
