# One image for every ainews service; docker-compose.yml picks the subcommand
# (ingest, enrich, aggregate). Build: docker build -t ainews:local .

# ---- build ---------------------------------------------------------------
FROM eclipse-temurin:17-jdk AS build
WORKDIR /src

# The wrapper and the POMs first: the dependency download below is the slow
# part, and this layer stays cached until a POM changes.
COPY mvnw ./
COPY .mvn/ .mvn/
COPY pom.xml ./
COPY common/pom.xml common/
COPY ingest/pom.xml ingest/
COPY enrich/pom.xml enrich/
COPY aggregate/pom.xml aggregate/
COPY cli/pom.xml cli/
COPY bench/pom.xml bench/
# Only a cache warm-up: if go-offline trips over the not-yet-built reactor
# modules, the package step below still fetches whatever it lacks.
RUN chmod +x mvnw \
 && (./mvnw -B -q -pl cli -am dependency:go-offline \
     || echo "dependency warm-up incomplete; package will download the rest")

COPY . .
# -pl cli -am: the shaded jar needs every module but bench (JMH), so bench is not built.
RUN ./mvnw -B -DskipTests -pl cli -am package \
 && cp cli/target/ainews.jar /ainews.jar

# ---- runtime -------------------------------------------------------------
FROM eclipse-temurin:17-jre

# A system user with its home as the working directory: relative paths such as
# the Streams state default (data/streams) land there, and compose mounts a
# named volume on it. A new named volume copies this ownership.
RUN groupadd --system ainews \
 && useradd --system --gid ainews --home-dir /var/lib/ainews --shell /usr/sbin/nologin ainews \
 && mkdir -p /var/lib/ainews /app \
 && chown ainews:ainews /var/lib/ainews

COPY --from=build /ainews.jar /app/ainews.jar

USER ainews
WORKDIR /var/lib/ainews
# Inside a container the metrics/HTTP endpoints must listen on every interface
# for Prometheus (another container) to reach them.
ENV AINEWS_HTTP_HOST=0.0.0.0 \
    AINEWS_STATE_DIR=/var/lib/ainews/state
EXPOSE 8080 9401 9402
ENTRYPOINT ["java","-jar","/app/ainews.jar"]
CMD ["--help"]
