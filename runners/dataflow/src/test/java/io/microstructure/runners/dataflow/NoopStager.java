package io.microstructure.runners.dataflow;

import com.google.api.services.dataflow.model.DataflowPackage;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.runners.dataflow.options.DataflowPipelineOptions;
import org.apache.beam.runners.dataflow.util.PackageUtil;
import org.apache.beam.runners.dataflow.util.Stager;
import org.apache.beam.sdk.options.PipelineOptions;

/**
 * A {@link Stager} that uploads nothing: it names each file as if staged under the staging
 * location, so that the DataflowRunner can build a job graph with no network ({@code
 * --stagerClass}).
 */
public final class NoopStager implements Stager {
  private final String stagingLocation;

  private NoopStager(String stagingLocation) {
    this.stagingLocation = stagingLocation;
  }

  /** The factory method the DataflowRunner calls for {@code --stagerClass}. */
  public static NoopStager fromOptions(PipelineOptions options) {
    return new NoopStager(options.as(DataflowPipelineOptions.class).getStagingLocation());
  }

  @Override
  public List<DataflowPackage> stageFiles(List<PackageUtil.StagedFile> files) {
    List<DataflowPackage> packages = new ArrayList<>();
    for (PackageUtil.StagedFile f : files) {
      packages.add(pkg(f.getDestination()));
    }
    return packages;
  }

  @Override
  public DataflowPackage stageToFile(byte[] bytes, String baseName) {
    return pkg(baseName);
  }

  private DataflowPackage pkg(String name) {
    return new DataflowPackage().setName(name).setLocation(stagingLocation + "/" + name);
  }
}
