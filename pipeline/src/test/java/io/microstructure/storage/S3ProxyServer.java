package io.microstructure.storage;

import java.net.URI;
import java.util.Properties;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStore;
import org.jclouds.blobstore.BlobStoreContext;

/**
 * A real S3-compatible server (S3Proxy over jclouds' in-memory "transient" blob store) in the test
 * JVM, on 127.0.0.1 and a free port, with AWS V2/V4 signatures checked against one key pair.
 *
 * <pre>{@code
 * try (S3ProxyServer s3 = S3ProxyServer.start("bucket")) {
 *   Storage.configure(options, s3.settings());
 * }
 * }</pre>
 */
public final class S3ProxyServer implements AutoCloseable {
  public static final String ACCESS_KEY_ID = "AKIAS3PROXYTESTKEY01";
  public static final String SECRET_ACCESS_KEY = "s3proxy-test-secret-4f7c1d9e2b";
  public static final String REGION = "us-east-1";

  private final BlobStoreContext context;
  private final S3Proxy proxy;

  private S3ProxyServer(BlobStoreContext context, S3Proxy proxy) {
    this.context = context;
    this.proxy = proxy;
  }

  /** Starts a server and creates the given buckets. */
  public static S3ProxyServer start(String... buckets) throws Exception {
    BlobStoreContext context =
        ContextBuilder.newBuilder("transient")
            .credentials("identity", "credential")
            .overrides(new Properties())
            .build(BlobStoreContext.class);
    S3Proxy proxy =
        S3Proxy.builder()
            .blobStore(context.getBlobStore())
            .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY_ID, SECRET_ACCESS_KEY)
            .endpoint(URI.create("http://127.0.0.1:0"))
            // Beam sends x-amz-server-side-encryption headers S3Proxy does not implement.
            .ignoreUnknownHeaders(true)
            .jettyMaxThreads(32)
            .build();
    S3ProxyServer server = new S3ProxyServer(context, proxy);
    try {
      proxy.start();
      long deadline = System.nanoTime() + 30_000_000_000L;
      while (!"STARTED".equals(proxy.getState())) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("S3Proxy did not start: " + proxy.getState());
        }
        Thread.sleep(10);
      }
      for (String bucket : buckets) {
        server.createBucket(bucket);
      }
    } catch (Exception e) {
      server.close();
      throw e;
    }
    return server;
  }

  public void createBucket(String bucket) {
    context.getBlobStore().createContainerInLocation(null, bucket);
  }

  public BlobStore blobStore() {
    return context.getBlobStore();
  }

  public int port() {
    return proxy.getPort();
  }

  /** {@code http://127.0.0.1:PORT}. */
  public String endpoint() {
    return "http://127.0.0.1:" + port();
  }

  /** Settings for this server: its endpoint, path style, the static key pair. */
  public S3Settings settings() {
    return settingsFor(endpoint());
  }

  /** Settings for this server reached as {@code endpoint} (e.g. {@code http://localhost:PORT}). */
  public S3Settings settingsFor(String endpoint) {
    return S3Settings.builder()
        .region(REGION)
        .endpoint(endpoint)
        .staticCredentials(ACCESS_KEY_ID, SECRET_ACCESS_KEY)
        .build();
  }

  /** Beam's own flags for this server (what a user passes to {@code bin/etl run}). */
  public String[] beamFlags() {
    return new String[] {
      "--endpoint=" + endpoint(),
      "--awsRegion=" + REGION,
      "--awsCredentialsProvider={\"@type\":\"StaticCredentialsProvider\",\"accessKeyId\":\""
          + ACCESS_KEY_ID
          + "\",\"secretAccessKey\":\""
          + SECRET_ACCESS_KEY
          + "\"}"
    };
  }

  @Override
  public void close() throws Exception {
    try {
      proxy.stop();
    } finally {
      context.close();
    }
  }
}
