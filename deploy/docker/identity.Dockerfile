# syntax=docker/dockerfile:1
# Built-in OIDC provider image. From the repository root:
#   docker build -f deploy/docker/identity.Dockerfile -t ghcr.io/chatt/chatt-identity:0.1.0 .

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props ./
COPY src/Directory.Build.targets src/
COPY src/ServiceDefaults/ServiceDefaults.csproj src/ServiceDefaults/
COPY src/Identity/Identity.csproj src/Identity/
RUN dotnet restore src/Identity/Identity.csproj
COPY src/ServiceDefaults/ src/ServiceDefaults/
COPY src/Identity/ src/Identity/
RUN dotnet publish src/Identity/Identity.csproj -c Release --no-restore -o /app

FROM mcr.microsoft.com/dotnet/aspnet:10.0-noble-chiseled-extra
WORKDIR /app
COPY --from=build /app .
USER 1654
ENV ASPNETCORE_HTTP_PORTS=8080
EXPOSE 8080
ENTRYPOINT ["dotnet", "Identity.dll"]
