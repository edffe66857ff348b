# Build: docker build -t vpce-operator .   Run: the image's entrypoint is the operator's `run` verb.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY Directory.Build.props Directory.Packages.props Vpce.slnx ./
COPY src/ src/
COPY examples/ examples/
RUN dotnet publish src/Operator/Vpce.Operator.csproj -c Release -o /app --nologo

FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app
COPY --from=build /app ./
# Non-root, as the Helm chart's securityContext expects.
USER 65532:65532
ENV DOTNET_gcServer=0
EXPOSE 8080 8081
ENTRYPOINT ["dotnet", "vpce-operator.dll"]
CMD ["run"]
