package io.microstructure.storage;

import java.io.Serializable;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Objects;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * Where and how to reach S3 (AWS or any S3-compatible server): region, optional endpoint, path
 * style and credentials. Immutable and serializable; {@link #toString()} never shows a key.
 *
 * <pre>{@code
 * S3Settings.builder().region("eu-west-1").build();                       // AWS, default chain
 * S3Settings.builder().region("us-east-1").endpoint("http://127.0.0.1:9000")
 *     .staticCredentials(accessKeyId, secretAccessKey).build();           // MinIO, S3Proxy ...
 * }</pre>
 *
 * <p>Path style ({@code http://host/bucket/key} rather than {@code http://bucket.host/key})
 * defaults to true when an endpoint is set (S3-compatible servers rarely have a wildcard DNS name)
 * and to false for AWS.
 */
public final class S3Settings implements Serializable {
  private static final long serialVersionUID = 1L;

  /** The smallest part of a multipart upload S3 accepts (except for the last one). */
  public static final int MIN_UPLOAD_BUFFER_BYTES = 5 * 1024 * 1024;

  /**
   * Upload buffer per open S3 file: 8 MiB, where Beam's own default is 64 MiB. A run writing many
   * partitions holds one buffer per open file (up to 20 per bundle and thread), so 64 MiB ones
   * exhaust a laptop's heap; 8 MiB parts still allow objects of 80 GB.
   */
  public static final int DEFAULT_UPLOAD_BUFFER_BYTES = 8 * 1024 * 1024;

  /** Where the credentials come from. */
  public enum Credentials {
    /**
     * The AWS SDK's default chain: environment, system properties, profile, container, instance.
     */
    DEFAULT,
    /** AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY (and AWS_SESSION_TOKEN) of the environment. */
    ENVIRONMENT,
    /** A named profile of ~/.aws/credentials and ~/.aws/config. */
    PROFILE,
    /** An access key id and secret given here. */
    STATIC;

    /** default, environment (or env), profile, static — any case. */
    public static Credentials parse(String name) {
      String n = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
      switch (n) {
        case "default":
          return DEFAULT;
        case "environment":
        case "env":
          return ENVIRONMENT;
        case "profile":
          return PROFILE;
        case "static":
          return STATIC;
        default:
          throw new IllegalArgumentException(
              "unknown S3 credentials '" + name + "' (default, environment, profile, static)");
      }
    }

    String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  private final String region;
  private final String endpoint;
  private final boolean pathStyle;
  private final Credentials credentials;
  private final String profile;
  private final String accessKeyId;
  private final String secretAccessKey;
  private final int uploadBufferBytes;

  private S3Settings(Builder b) {
    this.region = b.region;
    this.endpoint = b.endpoint;
    this.pathStyle = b.pathStyle;
    this.credentials = b.credentials;
    this.profile = b.profile;
    this.accessKeyId = b.accessKeyId;
    this.secretAccessKey = b.secretAccessKey;
    this.uploadBufferBytes = b.uploadBufferBytes;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding these settings, to change some of them. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.region = region;
    b.endpoint = endpoint;
    b.pathStyle = pathStyle;
    b.credentials = credentials;
    b.profile = profile;
    b.accessKeyId = accessKeyId;
    b.secretAccessKey = secretAccessKey;
    b.uploadBufferBytes = uploadBufferBytes;
    return b;
  }

  /** The AWS region, e.g. {@code us-east-1} (S3-compatible servers accept any). */
  public String region() {
    return region;
  }

  /** The endpoint, e.g. {@code http://127.0.0.1:9000}; null for AWS. */
  public String endpoint() {
    return endpoint;
  }

  public boolean pathStyle() {
    return pathStyle;
  }

  public Credentials credentials() {
    return credentials;
  }

  /** The profile name when {@link #credentials()} is {@link Credentials#PROFILE}, else null. */
  public String profile() {
    return profile;
  }

  /** Set only for {@link Credentials#STATIC}. */
  public String accessKeyId() {
    return accessKeyId;
  }

  /** Set only for {@link Credentials#STATIC}. */
  public String secretAccessKey() {
    return secretAccessKey;
  }

  /** Bytes buffered per open file before a part is uploaded. */
  public int uploadBufferBytes() {
    return uploadBufferBytes;
  }

  /** The endpoint requests go to: the one set, or AWS's regional S3 endpoint. */
  public String effectiveEndpoint() {
    return endpoint != null ? endpoint : awsEndpoint(region);
  }

  static String awsEndpoint(String region) {
    return "https://s3." + region + ".amazonaws.com";
  }

  /** A new AWS SDK credentials provider for these settings (Beam can serialize each kind). */
  public AwsCredentialsProvider credentialsProvider() {
    switch (credentials) {
      case ENVIRONMENT:
        return EnvironmentVariableCredentialsProvider.create();
      case PROFILE:
        return ProfileCredentialsProvider.create(profile);
      case STATIC:
        return StaticCredentialsProvider.create(
            AwsBasicCredentials.create(accessKeyId, secretAccessKey));
      default:
        return DefaultCredentialsProvider.create();
    }
  }

  /** Describes the settings without any key: the access key id and the secret are left out. */
  @Override
  public String toString() {
    String creds =
        credentials == Credentials.PROFILE ? "profile '" + profile + "'" : credentials.label();
    return "S3Settings{region="
        + region
        + ", endpoint="
        + (endpoint == null ? "AWS" : endpoint)
        + ", pathStyle="
        + pathStyle
        + ", credentials="
        + creds
        + ", uploadBufferBytes="
        + uploadBufferBytes
        + "}";
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof S3Settings)) {
      return false;
    }
    S3Settings s = (S3Settings) o;
    return pathStyle == s.pathStyle
        && uploadBufferBytes == s.uploadBufferBytes
        && region.equals(s.region)
        && Objects.equals(endpoint, s.endpoint)
        && credentials == s.credentials
        && Objects.equals(profile, s.profile)
        && Objects.equals(accessKeyId, s.accessKeyId)
        && Objects.equals(secretAccessKey, s.secretAccessKey);
  }

  @Override
  public int hashCode() {
    return Objects.hash(region, endpoint, pathStyle, credentials, profile, uploadBufferBytes);
  }

  /** Builds {@link S3Settings}; {@link #build()} checks them. */
  public static final class Builder {
    private String region;
    private String endpoint;
    private Boolean pathStyleSet;
    private boolean pathStyle;
    private Credentials credentials = Credentials.DEFAULT;
    private String profile;
    private String accessKeyId;
    private String secretAccessKey;
    private int uploadBufferBytes = DEFAULT_UPLOAD_BUFFER_BYTES;

    private Builder() {}

    /** Required. */
    public Builder region(String region) {
      this.region = region;
      return this;
    }

    /** An S3-compatible server, {@code http(s)://host[:port]}; null or blank for AWS. */
    public Builder endpoint(String endpoint) {
      this.endpoint = endpoint;
      return this;
    }

    /** Overrides the default (true with an endpoint, false for AWS). */
    public Builder pathStyle(boolean pathStyle) {
      this.pathStyleSet = pathStyle;
      return this;
    }

    /**
     * Sets the kind; {@link #profile}, {@link #accessKeyId}, {@link #secretAccessKey} go with it.
     */
    public Builder credentials(Credentials credentials) {
      this.credentials = Objects.requireNonNull(credentials, "credentials");
      return this;
    }

    /** By name: default, environment, profile, static. */
    public Builder credentials(String kind) {
      return credentials(Credentials.parse(kind));
    }

    public Builder profile(String profile) {
      this.profile = profile;
      return this;
    }

    public Builder accessKeyId(String accessKeyId) {
      this.accessKeyId = accessKeyId;
      return this;
    }

    public Builder secretAccessKey(String secretAccessKey) {
      this.secretAccessKey = secretAccessKey;
      return this;
    }

    public Builder defaultCredentials() {
      return credentials(Credentials.DEFAULT);
    }

    public Builder environmentCredentials() {
      return credentials(Credentials.ENVIRONMENT);
    }

    public Builder profileCredentials(String profile) {
      return credentials(Credentials.PROFILE).profile(profile);
    }

    public Builder staticCredentials(String accessKeyId, String secretAccessKey) {
      return credentials(Credentials.STATIC)
          .accessKeyId(accessKeyId)
          .secretAccessKey(secretAccessKey);
    }

    /** At least 5 MiB (S3's smallest part); default {@link #DEFAULT_UPLOAD_BUFFER_BYTES}. */
    public Builder uploadBufferBytes(int bytes) {
      this.uploadBufferBytes = bytes;
      return this;
    }

    /**
     * @throws IllegalArgumentException naming the first setting that is missing or wrong (never
     *     echoing a key)
     */
    public S3Settings build() {
      if (region == null || region.isBlank()) {
        throw new IllegalArgumentException("S3 needs a region (e.g. us-east-1)");
      }
      region = region.trim();
      if (!region.matches("[a-z0-9-]+")) {
        throw new IllegalArgumentException(
            "S3 region '" + region + "' is not a region name (e.g. us-east-1)");
      }
      endpoint = endpoint == null || endpoint.isBlank() ? null : checkEndpoint(endpoint.trim());
      pathStyle = pathStyleSet != null ? pathStyleSet : endpoint != null;
      switch (credentials) {
        case PROFILE:
          if (profile == null || profile.isBlank()) {
            throw new IllegalArgumentException("S3 profile credentials need a profile name");
          }
          profile = profile.trim();
          accessKeyId = null;
          secretAccessKey = null;
          break;
        case STATIC:
          if (accessKeyId == null || accessKeyId.isBlank()) {
            throw new IllegalArgumentException("S3 static credentials need an access key id");
          }
          if (secretAccessKey == null || secretAccessKey.isEmpty()) {
            throw new IllegalArgumentException("S3 static credentials need a secret access key");
          }
          Redaction.remember(accessKeyId);
          Redaction.remember(secretAccessKey);
          profile = null;
          break;
        default:
          profile = null;
          accessKeyId = null;
          secretAccessKey = null;
      }
      if (uploadBufferBytes < MIN_UPLOAD_BUFFER_BYTES) {
        throw new IllegalArgumentException(
            "S3 upload buffer of "
                + uploadBufferBytes
                + " bytes is below S3's smallest part ("
                + MIN_UPLOAD_BUFFER_BYTES
                + ")");
      }
      return new S3Settings(this);
    }

    /** An endpoint without a trailing slash, or an exception saying why it is none. */
    static String checkEndpoint(String e) {
      String shown = Redaction.apply(e); // a user info's password must not be echoed
      URI uri;
      try {
        uri = new URI(e);
      } catch (URISyntaxException x) {
        throw new IllegalArgumentException("S3 endpoint '" + shown + "' is not a URI");
      }
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
        throw new IllegalArgumentException(
            "S3 endpoint '" + shown + "' must be http://host[:port] or https://host[:port]");
      }
      if (uri.getUserInfo() != null || uri.getQuery() != null) {
        throw new IllegalArgumentException(
            "S3 endpoint must be http(s)://host[:port], without user or query");
      }
      return e.endsWith("/") ? e.substring(0, e.length() - 1) : e;
    }
  }
}
