package io.microstructure.testing;

import org.apache.beam.sdk.testing.TestPipeline;

/** TestPipeline for JUnit 5: created per test, abandoned-node enforcement on. */
public final class Pipelines {
  private Pipelines() {}

  public static TestPipeline create() {
    return TestPipeline.create().enableAbandonedNodeEnforcement(true);
  }
}
