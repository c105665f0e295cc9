package dev.bascule.aws;

import dev.bascule.secure.StoredObject;
import dev.bascule.secure.UploadedObject;
import dev.bascule.source.SourceSettings;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

/**
 * Uploads, downloads and lists secure migrations in an environment's {@code s3://bucket/prefix} location.
 *
 * <p>It asks nothing and prints nothing: the CLI confirms with the user first and reports the results. It never
 * logs or quotes file contents.
 */
public final class SecureMigrationStore implements AutoCloseable {

    public static final long DEFAULT_MAX_UPLOAD_BYTES = 250L * 1024 * 1024;
    public static final String REQUIRED_SUFFIX = ".up.sql";

    /** Owner-only: downloaded secure migrations hold credentials or personal data. */
    private static final Set<PosixFilePermission> OWNER_READ_WRITE =
            PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER_ONLY_DIRECTORY =
            PosixFilePermissions.fromString("rwx------");

    private final S3Client client;
    private final long maxUploadBytes;
    private final long maxDownloadBytes;
    private final boolean ownsClient;

    /** A store over a client the caller keeps ownership of. */
    public SecureMigrationStore(S3Client client, long maxUploadBytes) {
        this(client, maxUploadBytes, false);
    }

    private SecureMigrationStore(S3Client client, long maxUploadBytes, boolean ownsClient) {
        if (maxUploadBytes < 0) {
            throw new IllegalArgumentException("secure upload size limit must not be negative: " + maxUploadBytes);
        }
        this.client = client;
        this.maxUploadBytes = maxUploadBytes;
        this.maxDownloadBytes = Math.max(maxUploadBytes, DEFAULT_MAX_UPLOAD_BYTES);
        this.ownsClient = ownsClient;
    }

    /**
     * A store with its own client built from the environment's {@code s3.*} settings (see {@link S3ClientSettings});
     * {@code secure.max-upload-bytes} overrides the 250 MB upload limit. {@link #close()} closes the client.
     */
    public static SecureMigrationStore open(SourceSettings settings) throws IOException {
        long limit;
        try {
            limit = Long.parseLong(settings.get("secure.max-upload-bytes", Long.toString(DEFAULT_MAX_UPLOAD_BYTES)));
        } catch (NumberFormatException e) {
            throw new IOException("secure.max-upload-bytes '" + settings.get("secure.max-upload-bytes", "")
                    + "' is not a whole number of bytes; fix it in bascule.yml", e);
        }
        try {
            return new SecureMigrationStore(S3Clients.create(S3ClientSettings.from(settings)), limit, true);
        } catch (IllegalArgumentException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    /**
     * Uploads a production secure migration to {@code location} with server-side encryption, replacing an object of
     * the same name. Refuses (before any request) files whose name does not end in {@code .up.sql}, that are not
     * regular files, or that are larger than the size limit.
     */
    public UploadedObject upload(Path file, String location, Encryption sse) throws IOException {
        String name = file.getFileName() == null ? "" : file.getFileName().toString();
        checkUploadName(name, file.toString());
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            throw new UploadRejectedException(file + ": not a regular file; give the path of the production"
                    + " migration file (for example tmp/" + exampleName() + ")");
        }
        long size = Files.size(file);
        if (size > maxUploadBytes) {
            throw new UploadRejectedException(file + ": " + size + " bytes is over the " + maxUploadBytes
                    + "-byte limit for secure migrations; split the data into several migrations or raise"
                    + " secure.max-upload-bytes");
        }
        String sha256 = sha256Of(file);
        S3Location target = S3Location.parse(location);
        return put(target, name, RequestBody.fromFile(file), size, sha256, sse);
    }

    /**
     * Uploads an empty object named {@code name}: environments that must not run a secure migration get this
     * placeholder, so the manifest still finds the file there and applies it as a no-op.
     */
    public UploadedObject uploadEmptyPlaceholder(String name, String location, Encryption sse) throws IOException {
        checkUploadName(name, name);
        S3Location target = S3Location.parse(location);
        return put(target, name, RequestBody.empty(), 0, sha256Hex(new byte[0]), sse);
    }

    /**
     * Downloads {@code name} from {@code location} into {@code targetDir} (created owner-only if missing) and returns
     * the file. The file is created with mode 0600 from the start (written to a 0600 temporary sibling, then moved
     * over any previous copy), so its contents are never readable by other users, not even briefly.
     */
    public Path download(String name, String location, Path targetDir) throws IOException {
        S3Location source = S3Location.parse(location);
        S3Location.checkName(name);
        boolean posix = Files.getFileStore(existingAncestor(targetDir)).supportsFileAttributeView("posix");
        if (posix) {
            Files.createDirectories(targetDir, PosixFilePermissions.asFileAttribute(OWNER_ONLY_DIRECTORY));
        } else {
            Files.createDirectories(targetDir);
        }
        Path target = targetDir.resolve(name);
        Path partial = targetDir.resolve("." + name + ".part");
        Files.deleteIfExists(partial);
        FileAttribute<?>[] attributes = posix
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_READ_WRITE)}
                : new FileAttribute<?>[0];
        String uri = source.uriOf(name);
        try (ResponseInputStream<GetObjectResponse> body =
                     client.getObject(b -> b.bucket(source.bucket()).key(source.keyOf(name)))) {
            try (OutputStream out = Channels.newOutputStream(Files.newByteChannel(partial,
                    Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), attributes))) {
                copyBounded(body, out, uri);
            }
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return target;
        } catch (SdkException e) {
            throw S3Errors.translate(e, uri, "downloading");
        } catch (FileAlreadyExistsException e) {
            throw new IOException(partial + " appeared while downloading " + uri
                    + "; another download may be running: wait for it or delete the file and retry", e);
        } finally {
            Files.deleteIfExists(partial);
        }
    }

    /** What the location holds (objects directly under its prefix), sorted by name. */
    public List<StoredObject> list(String location) throws IOException {
        return S3MigrationSource.listObjects(client, S3Location.parse(location));
    }

    /** The object's size and date when it exists in {@code location}, for "will overwrite" warnings. */
    public Optional<StoredObject> find(String name, String location) throws IOException {
        S3Location source = S3Location.parse(location);
        String uri = source.uriOf(name);
        try {
            var head = client.headObject(b -> b.bucket(source.bucket()).key(source.keyOf(name)));
            return Optional.of(new StoredObject(name, head.contentLength() == null ? -1 : head.contentLength(),
                    head.lastModified()));
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (S3Exception e) {
            // HEAD responses carry no error body: a 404 for a missing key has no error code.
            if (e.statusCode() == 404 && !isNoSuchBucket(e)) {
                return Optional.empty();
            }
            throw S3Errors.translate(e, uri, "checking");
        } catch (SdkException e) {
            throw S3Errors.translate(e, uri, "checking");
        }
    }

    @Override
    public void close() {
        if (ownsClient) {
            client.close();
        }
    }

    private UploadedObject put(S3Location target, String name, RequestBody body, long size, String sha256,
                               Encryption sse) throws IOException {
        PutObjectRequest.Builder request = PutObjectRequest.builder()
                .bucket(target.bucket())
                .key(target.keyOf(name))
                .contentLength(size)
                .contentType("application/sql");
        if (sse instanceof Encryption.Aes256) {
            request.serverSideEncryption(ServerSideEncryption.AES256);
        } else if (sse instanceof Encryption.Kms kms) {
            request.serverSideEncryption(ServerSideEncryption.AWS_KMS);
            kms.keyId().ifPresent(request::ssekmsKeyId);
        }
        String uri = target.uriOf(name);
        try {
            PutObjectResponse response = client.putObject(request.build(), body);
            return new UploadedObject(uri, size, sha256,
                    Optional.ofNullable(response.serverSideEncryptionAsString()).filter(s -> !s.isEmpty()));
        } catch (S3Exception e) {
            if (e.statusCode() == 501 && !(sse instanceof Encryption.None)) {
                throw new IOException("The S3 store refused the server-side encryption requested for " + uri
                        + " (HTTP 501 NotImplemented); AWS S3 supports it, so check that this environment's"
                        + " secure.location is the intended store, or set secure.sse: none for an S3-compatible"
                        + " store without encryption support", e);
            }
            throw S3Errors.translate(e, uri, "uploading");
        } catch (SdkException e) {
            throw S3Errors.translate(e, uri, "uploading");
        }
    }

    private void copyBounded(InputStream in, OutputStream out, String uri) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        for (int read = readChunk(in, buffer, uri); read >= 0; read = readChunk(in, buffer, uri)) {
            total += read;
            if (total > maxDownloadBytes) {
                throw new IOException(uri + " is larger than " + maxDownloadBytes
                        + " bytes, the most a secure migration may be; check that the location holds migrations");
            }
            out.write(buffer, 0, read);
        }
    }

    private static int readChunk(InputStream in, byte[] buffer, String uri) throws IOException {
        try {
            return in.read(buffer);
        } catch (IOException e) {
            throw S3MigrationSource.interrupted(uri, e);
        }
    }

    private static void checkUploadName(String name, String shown) throws UploadRejectedException {
        if (!name.endsWith(REQUIRED_SUFFIX) || name.length() == REQUIRED_SUFFIX.length() || name.contains("/")) {
            throw new UploadRejectedException(shown + ": only *" + REQUIRED_SUFFIX + " files can be uploaded as secure"
                    + " migrations; name it like the manifest entry, for example " + exampleName());
        }
    }

    private static boolean isNoSuchBucket(S3Exception e) {
        return e.awsErrorDetails() != null && "NoSuchBucket".equals(e.awsErrorDetails().errorCode());
    }

    private static String exampleName() {
        return "20240101120000_load_reference_data.up.sql";
    }

    private static Path existingAncestor(Path dir) {
        Path current = dir.toAbsolutePath();
        while (current != null && !Files.exists(current)) {
            current = current.getParent();
        }
        return current == null ? dir.toAbsolutePath().getRoot() : current;
    }

    static String sha256Of(Path file) throws IOException {
        MessageDigest digest = sha256();
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    static String sha256Hex(byte[] bytes) {
        return HexFormat.of().formatHex(sha256().digest(bytes));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java runtime", e);
        }
    }
}
