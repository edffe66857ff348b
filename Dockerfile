# The operator's image: docker build -t vpce-operator --build-arg VERSION=0.2.0 --build-arg REVISION=$(git rev-parse HEAD) .
# The entrypoint is the operator; its default verb is `run` (the chart passes `run` and its flags).

# Build on the SDK, on the target's own architecture: Native AOT links with the platform's toolchain (clang, zlib), so an
# arm64 image is compiled on arm64 (buildx runs that stage emulated) rather than cross-linked. Restore first, so a
# source change does not re-download the packages.
FROM mcr.microsoft.com/dotnet/sdk:10.0-noble AS build
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends clang zlib1g-dev \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY Directory.Build.props Directory.Packages.props ./
COPY src/Crds/Vpce.Crds.csproj src/Crds/
COPY src/Ports/Vpce.Ports.csproj src/Ports/
COPY src/Operator/Vpce.Operator.csproj src/Operator/OperatorRuntime.props src/Operator/
# VpceDemo=false: no demo verb, no simulator, no test-time packages in the image. Native AOT: one binary, no JIT and no
# type loading at run time (bench/results.md, "Memory pass 6"; .ci/run makes the same publish and checks its warnings and
# its `crds` output).
RUN dotnet restore src/Operator/Vpce.Operator.csproj -p:VpceDemo=false --use-current-runtime -p:PublishAot=true
COPY src/Crds/ src/Crds/
COPY src/Ports/ src/Ports/
COPY src/Operator/ src/Operator/
RUN dotnet publish src/Operator/Vpce.Operator.csproj --no-restore -c Release -p:VpceDemo=false --use-current-runtime \
      -p:PublishAot=true -o /app --nologo

# Run on the chiseled base of self-contained .NET apps (the runtime is compiled into the binary; HttpListener serves
# /metrics and the probes, so no ASP.NET Core): no shell, no package manager.
FROM mcr.microsoft.com/dotnet/runtime-deps:10.0-noble-chiseled
ARG VERSION=0.1.0
ARG REVISION=unknown
ARG SOURCE=https://github.com/vpce-io/vpce-operator
LABEL org.opencontainers.image.title="vpce-operator" \
      org.opencontainers.image.description="Keeps AWS VPC endpoints and S3 bucket policy statements matching Kubernetes resources." \
      org.opencontainers.image.source="${SOURCE}" \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.revision="${REVISION}"
WORKDIR /app
COPY --from=build /app ./
# Non-root, numeric so runAsNonRoot can check it; the chart runs the same user (65532) with a read-only root filesystem.
USER 65532:65532
# One small process: workstation GC keeps the footprint inside the chart's 256Mi limit. A 4 MiB gen0 budget (an
# environment-only knob, no runtimeconfig name) makes the GC collect before it commits tens of MiB for new objects. It
# is hex without "0x": the JIT runtime reads both, the native one ignores a value with the prefix (measured on a fully
# trimmed native build with 10,000 objects on the rig: 141-149 MiB of RSS with it, 119-124 MiB without; this image, kept
# partially trimmed, runs at 135-141 MiB without it; bench/results.md, "Memory pass 6"). The chart runs this image, so
# its pods get it too; extraEnv can override it.
ENV DOTNET_gcServer=0 \
    DOTNET_GCgen0size=400000
EXPOSE 8080 8081
ENTRYPOINT ["/app/vpce-operator"]
CMD ["run"]
