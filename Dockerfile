# Builds the application from source and runs it on a JRE as a user without privileges. Used by docker-compose.yml.
FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
# The dependencies first, in a layer of their own: it is rebuilt only when a pom.xml changes, not on every edit.
COPY .mvn .mvn
COPY mvnw pom.xml ./
COPY domain/pom.xml domain/
COPY application/pom.xml application/
COPY projections/pom.xml projections/
COPY api/pom.xml api/
RUN ./mvnw -B -q dependency:go-offline
COPY domain domain
COPY application application
COPY projections projections
COPY api api
RUN ./mvnw -B -q -DskipTests package \
    && java -Djarmode=tools -jar api/target/cashless-ledger.jar extract --layers --launcher --destination /layers

FROM eclipse-temurin:17-jre
# curl for the health check; a user of its own for the ledger
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/* \
    && groupadd --system ledger && useradd --system --gid ledger --home-dir /app --shell /usr/sbin/nologin ledger
WORKDIR /app
# Spring Boot's layers, least changing first: the libraries, the loader, then the application's own classes.
COPY --from=build /layers/dependencies/ ./
COPY --from=build /layers/spring-boot-loader/ ./
COPY --from=build /layers/snapshot-dependencies/ ./
COPY --from=build /layers/application/ ./
USER ledger
ENV AXONIQ_UPDATE_CHECKER_DISABLED=true
EXPOSE 8080
HEALTHCHECK --interval=10s --timeout=5s --start-period=120s --retries=3 \
    CMD curl -fsS http://127.0.0.1:8080/actuator/health || exit 1
ENTRYPOINT ["java", "-Daxoniq.update-checker.disabled=true", "-Ddisable-axoniq-console-message=true", \
    "org.springframework.boot.loader.launch.JarLauncher"]
