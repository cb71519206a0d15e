package io.microstructure.storage;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.net.ssl.SSLException;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.aws2.options.S3ClientBuilderFactory;
import org.apache.beam.sdk.io.aws2.options.S3Options;
import org.apache.beam.sdk.io.aws2.s3.DefaultS3ClientBuilderFactory;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.util.InstanceBuilder;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.retry.RetryPolicy;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.AwsProfileRegionProvider;
import software.amazon.awssdk.regions.providers.AwsRegionProviderChain;
import software.amazon.awssdk.regions.providers.SystemSettingsRegionProvider;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Local folders and {@code s3://bucket/prefix} through Beam's filesystems: every reader, writer and
 * {@code FileSystems} call of the project (the pipeline, the generator, {@code OutputSummary},
 * {@code ParityCheck}) takes either once the options are set here.
 *
 * <ul>
 *   <li>{@link #configure} puts {@link S3Settings} into Beam's {@link S3Options} and registers the
 *       filesystems with them.
 *   <li>{@link #check} is the preflight of an {@code s3://} root: endpoint reachable, bucket there,
 *       access granted, or one clear line why not.
 *   <li>{@link #withDefaultRegion} / {@link #defaultOptions} keep the AWS SDK from probing the EC2
 *       metadata service: Beam builds its S3 client (and looks up a region) whenever the
 *       filesystems are registered, even for purely local runs.
 * </ul>
 *
 * <p>Beam's own flags work as well ({@code --awsRegion}, {@code --endpoint}, {@code
 * --awsCredentialsProvider}, {@code --s3ClientFactoryClass}); {@link #registerOptions()} makes sure
 * they parse.
 */
public final class Storage {
  /** The region used when none is configured anywhere (flags, AWS_REGION, aws.region, profile). */
  public static final String FALLBACK_REGION = "us-east-1";

  private static volatile PipelineOptions configured;

  private Storage() {}

  /**
   * Registers Beam's {@link S3Options} (and so {@code AwsOptions}) with {@link
   * PipelineOptionsFactory}, so that {@code --awsRegion}, {@code --endpoint}, {@code
   * --awsCredentialsProvider} and the {@code --s3*} flags parse. Idempotent; the entry points call
   * it before parsing.
   */
  public static void registerOptions() {
    PipelineOptionsFactory.register(S3Options.class);
  }

  /** True for {@code s3://...} (any case of the scheme). */
  public static boolean isS3(String uri) {
    return uri != null && uri.regionMatches(true, 0, "s3://", 0, 5);
  }

  /**
   * Sets S3 up on {@code options} and registers Beam's filesystems with them ({@link
   * FileSystems#setDefaultPipelineOptions}), so that {@code s3://} paths work in this JVM and in
   * the pipeline run with these options. With {@code s3 == null} only the registration happens.
   *
   * <p>Sets {@code awsRegion}, {@code endpoint} (null for AWS), {@code awsCredentialsProvider}, the
   * upload buffer and, for path style, {@code s3ClientFactoryClass} = {@link
   * PathStyleS3ClientBuilderFactory}. Values set earlier on the options (by flags) are replaced.
   */
  public static void configure(PipelineOptions options, S3Settings s3) {
    registerOptions();
    if (s3 != null) {
      S3Options o = options.as(S3Options.class);
      o.setAwsRegion(Region.of(s3.region()));
      o.setEndpoint(s3.endpoint() == null ? null : URI.create(s3.endpoint()));
      o.setAwsCredentialsProvider(s3.credentialsProvider());
      o.setS3UploadBufferSizeBytes(s3.uploadBufferBytes());
      if (s3.pathStyle()) {
        o.setS3ClientFactoryClass(PathStyleS3ClientBuilderFactory.class);
      } else if (o.getS3ClientFactoryClass() == PathStyleS3ClientBuilderFactory.class) {
        o.setS3ClientFactoryClass(DefaultS3ClientBuilderFactory.class);
      }
    }
    FileSystems.setDefaultPipelineOptions(options);
    configured = options;
  }

  /**
   * Beam arguments with {@code --awsRegion=us-east-1} added when no region is configured anywhere
   * but the EC2 metadata service: not as a flag, not in AWS_REGION or the {@code aws.region} system
   * property, not in the AWS profile. Without it the AWS SDK asks the metadata service
   * (169.254.169.254) on every filesystem registration, which takes seconds off EC2. S3-compatible
   * servers ignore the region; on AWS, a bucket in another region fails the {@link #check
   * preflight} with the region to pass.
   */
  public static List<String> withDefaultRegion(List<String> beamArgs) {
    List<String> args = new ArrayList<>(beamArgs);
    boolean given =
        args.stream().anyMatch(a -> a.equals("--awsRegion") || a.startsWith("--awsRegion="));
    if (!given && regionWithoutInstanceMetadata().isEmpty()) {
      args.add("--awsRegion=" + FALLBACK_REGION);
    }
    return args;
  }

  /**
   * Parses Beam arguments (S3 flags included, the region defaulted as in {@link
   * #withDefaultRegion}) and registers the filesystems with them.
   *
   * @throws IllegalArgumentException for an unknown or malformed flag
   */
  public static PipelineOptions optionsFromArgs(List<String> beamArgs) {
    registerOptions();
    PipelineOptions options =
        PipelineOptionsFactory.fromArgs(withDefaultRegion(beamArgs).toArray(new String[0]))
            .create();
    configure(options, null);
    return options;
  }

  /** Default options (no flags) registered with the filesystems; see {@link #optionsFromArgs}. */
  public static PipelineOptions defaultOptions() {
    return optionsFromArgs(List.of());
  }

  /** The region of AWS_REGION, the {@code aws.region} property or the AWS profile, if any. */
  static Optional<Region> regionWithoutInstanceMetadata() {
    try {
      return Optional.ofNullable(
          new AwsRegionProviderChain(
                  new SystemSettingsRegionProvider(), new AwsProfileRegionProvider())
              .getRegion());
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }

  /**
   * Checks Beam's {@code --endpoint} flag, if given: it must be {@code http(s)://host[:port]}
   * (Beam's own parser takes {@code localhost:9000} as a URI of scheme "localhost", which the S3
   * client then fails on with a message about index 10).
   *
   * @throws StorageException naming the flag
   */
  public static void checkEndpointFlag(PipelineOptions options) {
    registerOptions();
    URI endpoint = options.as(S3Options.class).getEndpoint();
    if (endpoint != null) {
      try {
        S3Settings.Builder.checkEndpoint(endpoint.toString());
      } catch (IllegalArgumentException e) {
        throw new StorageException("--endpoint: " + e.getMessage());
      }
    }
  }

  /**
   * Preflight of {@code s3://bucket/prefix} with the options last given to {@link #configure} (or
   * {@link #defaultOptions()}); does nothing for other paths.
   *
   * @throws StorageException when the endpoint cannot be reached, the bucket does not exist, access
   *     is denied, the bucket is in another region or no credentials are found
   */
  public static void check(String uri) {
    PipelineOptions options = configured;
    check(options != null ? options : defaultOptions(), uri);
  }

  /**
   * Preflight of {@code s3://bucket/prefix}: asks the endpoint for the bucket (HeadBucket) with the
   * S3 client Beam would build from {@code options}. Does nothing for other paths. Messages are one
   * line and never contain a key.
   *
   * @throws StorageException as {@link #check(String)}
   */
  public static void check(PipelineOptions options, String uri) {
    if (!isS3(uri)) {
      return;
    }
    String bucket = bucket(uri);
    S3Options s3 = options.as(S3Options.class);
    Region region = s3.getAwsRegion();
    if (region == null) {
      throw new StorageException(
          "no AWS region for " + uri + ": pass --awsRegion=REGION or set AWS_REGION");
    }
    String endpoint =
        s3.getEndpoint() != null
            ? s3.getEndpoint().toString()
            : S3Settings.awsEndpoint(region.id());
    AwsCredentialsProvider credentials = s3.getAwsCredentialsProvider();
    try {
      credentials.resolveCredentials();
    } catch (RuntimeException e) {
      throw new StorageException(
          "no AWS credentials for "
              + uri
              + " ("
              + credentials.getClass().getSimpleName()
              + "): "
              + firstSentence(e.getMessage()));
    }
    S3ClientBuilderFactory factory =
        InstanceBuilder.ofType(S3ClientBuilderFactory.class)
            .fromClass(s3.getS3ClientFactoryClass())
            .build();
    try (S3Client client =
        factory
            .createBuilder(s3)
            // A lambda is not closeable: closing this client leaves the options' provider alone.
            .credentialsProvider(() -> credentials.resolveCredentials())
            .overrideConfiguration(
                c ->
                    c.retryPolicy(RetryPolicy.builder().numRetries(1).build())
                        .apiCallAttemptTimeout(Duration.ofSeconds(15))
                        .apiCallTimeout(Duration.ofSeconds(30)))
            .build()) {
      client.headBucket(b -> b.bucket(bucket));
    } catch (NoSuchBucketException e) {
      throw missing(bucket, endpoint);
    } catch (S3Exception e) {
      throw answered(e, bucket, endpoint, region);
    } catch (SdkClientException e) {
      throw unreachable(e, endpoint);
    } catch (SdkException e) {
      throw new StorageException(
          "S3 request to " + endpoint + " failed: " + firstSentence(e.getMessage()));
    }
  }

  /** The bucket of {@code s3://bucket/...}. */
  static String bucket(String uri) {
    String rest = uri.substring("s3://".length());
    int slash = rest.indexOf('/');
    String bucket = slash < 0 ? rest : rest.substring(0, slash);
    if (bucket.isEmpty()) {
      throw new StorageException("no bucket in " + uri + " (s3://bucket/prefix)");
    }
    if (bucket.length() < 3 || bucket.length() > 63) {
      throw new StorageException(
          "'" + bucket + "' is no S3 bucket name: bucket names have 3 to 63 characters");
    }
    return bucket;
  }

  private static StorageException missing(String bucket, String endpoint) {
    return new StorageException("bucket '" + bucket + "' does not exist at " + endpoint);
  }

  private static StorageException answered(
      S3Exception e, String bucket, String endpoint, Region region) {
    int status = e.statusCode();
    Optional<String> bucketRegion =
        e.awsErrorDetails() == null || e.awsErrorDetails().sdkHttpResponse() == null
            ? Optional.empty()
            : e.awsErrorDetails().sdkHttpResponse().firstMatchingHeader("x-amz-bucket-region");
    if (bucketRegion.isPresent() && !bucketRegion.get().equals(region.id())) {
      return new StorageException(
          "bucket '"
              + bucket
              + "' is in region "
              + bucketRegion.get()
              + ", not "
              + region.id()
              + ": set that region (--awsRegion="
              + bucketRegion.get()
              + ")");
    }
    if (status == 404) {
      return missing(bucket, endpoint);
    }
    if (status == 403 || status == 401) {
      return new StorageException(
          "access denied to bucket '"
              + bucket
              + "' at "
              + endpoint
              + ": check the credentials and their permission to list the bucket (HTTP "
              + status
              + ")");
    }
    String code =
        e.awsErrorDetails() != null && e.awsErrorDetails().errorCode() != null
            ? " " + e.awsErrorDetails().errorCode()
            : "";
    return new StorageException(
        "S3 at " + endpoint + " answered HTTP " + status + code + " for bucket '" + bucket + "'");
  }

  /**
   * For a failure anywhere (a listing, a pipeline run) caused by an S3 client that could not reach
   * its endpoint: the line {@link #check} would print, naming the endpoint of the options last
   * given to {@link #configure}. Empty for any other failure.
   */
  public static Optional<String> unreachable(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof SdkClientException) {
        String endpoint = configuredEndpoint();
        String why = networkProblem((SdkClientException) t, endpoint);
        if (why != null) {
          return Optional.of(
              new StorageException("cannot reach the S3 endpoint " + endpoint + ": " + why)
                  .getMessage());
        }
      }
    }
    return Optional.empty();
  }

  /** The endpoint S3 requests go to under the configured options ("S3" when none are). */
  static String configuredEndpoint() {
    PipelineOptions options = configured;
    if (options == null) {
      return "S3";
    }
    S3Options s3 = options.as(S3Options.class);
    if (s3.getEndpoint() != null) {
      return s3.getEndpoint().toString();
    }
    return s3.getAwsRegion() == null ? "S3" : S3Settings.awsEndpoint(s3.getAwsRegion().id());
  }

  static StorageException unreachable(SdkClientException e, String endpoint) {
    String why = networkProblem(e, endpoint);
    if (why == null) {
      why = firstSentence(e.getMessage());
    }
    return new StorageException("cannot reach the S3 endpoint " + endpoint + ": " + why);
  }

  /** What kept the client from the endpoint, or null when the failure is not the network's. */
  private static String networkProblem(SdkClientException e, String endpoint) {
    if (e instanceof ApiCallTimeoutException || e instanceof ApiCallAttemptTimeoutException) {
      return "no answer in time";
    }
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof ConnectException) {
        String m = t.getMessage() == null ? "" : t.getMessage().toLowerCase(Locale.ROOT);
        return m.contains("refused") ? "connection refused" : "cannot connect";
      } else if (t instanceof UnknownHostException) {
        return unknownHost((UnknownHostException) t, endpoint);
      } else if (t instanceof SocketTimeoutException
          || t.getClass().getSimpleName().equals("ConnectTimeoutException")) {
        return "connection timed out";
      } else if (t instanceof SSLException) {
        return "TLS failed (" + firstSentence(t.getMessage()) + ")";
      }
    }
    return null;
  }

  /**
   * The host that did not resolve. Without path style the client asks for {@code
   * bucket.endpoint-host}, which a server reached by a host name rarely has: say so.
   */
  static String unknownHost(UnknownHostException e, String endpoint) {
    String endpointHost = host(endpoint);
    String asked = e.getMessage() == null ? "" : e.getMessage().split("[:\\s]", 2)[0];
    if (asked.endsWith("." + endpointHost) && !endpointHost.endsWith(".amazonaws.com")) {
      return "unknown host "
          + asked
          + " (the bucket as a subdomain: a server reached by a host name needs path style,"
          + " --s3ClientFactoryClass="
          + PathStyleS3ClientBuilderFactory.class.getName()
          + " or storage.s3.path_style: true)";
    }
    return "unknown host " + (asked.isEmpty() ? endpointHost : asked);
  }

  private static String host(String endpoint) {
    try {
      String h = URI.create(endpoint).getHost();
      return h != null ? h : endpoint;
    } catch (IllegalArgumentException e) {
      return endpoint;
    }
  }

  /** An SDK message cut to its first sentence and line (they can run over many lines). */
  static String firstSentence(String message) {
    if (message == null || message.isBlank()) {
      return "unknown error";
    }
    String m = message.strip();
    int nl = m.indexOf('\n');
    if (nl > 0) {
      m = m.substring(0, nl);
    }
    int dot = m.indexOf(". ");
    if (dot > 0) {
      m = m.substring(0, dot + 1);
    }
    return m.length() > 200 ? m.substring(0, 200) + "…" : m;
  }
}
