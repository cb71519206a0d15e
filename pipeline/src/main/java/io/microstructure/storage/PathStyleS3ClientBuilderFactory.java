package io.microstructure.storage;

import org.apache.beam.sdk.io.aws2.common.ClientBuilderFactory;
import org.apache.beam.sdk.io.aws2.options.S3ClientBuilderFactory;
import org.apache.beam.sdk.io.aws2.options.S3Options;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/**
 * Beam's S3 client, path-style: {@code http://host:port/bucket/key}. S3-compatible servers reached
 * by a host name (MinIO, S3Proxy, Ceph behind {@code http://minio:9000}) need it, since the default
 * virtual-host style asks for {@code bucket.minio}. Beam 2.62.0 has no flag for it; pass {@code
 * --s3ClientFactoryClass=io.microstructure.storage.PathStyleS3ClientBuilderFactory} or set {@link
 * S3Settings#pathStyle()}. Endpoint, region, credentials, HTTP and retry settings come from the
 * options exactly as with Beam's default factory.
 */
public final class PathStyleS3ClientBuilderFactory implements S3ClientBuilderFactory {
  @Override
  public S3ClientBuilder createBuilder(S3Options options) {
    return ClientBuilderFactory.getFactory(options)
        .create(S3Client.builder(), options)
        .forcePathStyle(true);
  }
}
