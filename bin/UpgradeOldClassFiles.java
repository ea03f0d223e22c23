import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassFileVersion;
import java.lang.classfile.ClassHierarchyResolver;
import java.lang.classfile.ClassModel;
import java.lang.classfile.ClassTransform;
import java.lang.classfile.CodeTransform;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;

/**
 * Run by {@code ./mburoja} on JDK 25 or newer, once per extracted build, as a source file ({@code java
 * bin/UpgradeOldClassFiles.java <jar>...}): rewrites the classes of the jars named that are older than class-file
 * version 50 (Java 6) as version 52 (Java 8), with the stack maps that version requires, because the JDK's AOT cache
 * leaves such classes out ("Old class has been linked"), so every run of a tool loads and verifies them again. picocli
 * is the library the tools load that is so old (version 49: 174 classes loaded per run). Nothing else changes: the
 * same instructions, constants and attributes, with stack maps computed and checked by the JDK's class-file library.
 *
 * <p>A jar is replaced only when every old class in it was rewritten and reads back; otherwise (an instruction the
 * newer versions forbid, such as {@code jsr}, or any other failure) it is left as it is and the reason is printed on
 * stderr. Exit code 0 in both cases: the tools run either way, only slower to start. Decision 0005.
 */
public class UpgradeOldClassFiles {

    static final int OLDEST_CACHED = 50;
    static final int TARGET = 52;

    public static void main(String[] args) {
        if (args.length == 0) {
            System.err.println("usage: java UpgradeOldClassFiles.java <jar>...");
            System.exit(2);
        }
        for (String a : args) {
            Path jar = Path.of(a);
            try {
                int n = upgrade(jar);
                if (n > 0) {
                    System.err.println("upgraded " + n + " classes of " + jar.getFileName() + " to class-file version "
                            + TARGET);
                }
            } catch (IOException | RuntimeException | LinkageError e) {
                System.err.println("left " + jar.getFileName() + " as it is: " + e);
            }
        }
    }

    /** Rewrites {@code jar} in place when it holds old classes: how many were rewritten (0: untouched). */
    static int upgrade(Path jar) throws IOException {
        Map<String, byte[]> classes = new HashMap<>();
        List<String> old = new ArrayList<>();
        try (JarFile in = new JarFile(jar.toFile())) {
            for (JarEntry e : (Iterable<JarEntry>) in.stream()::iterator) {
                String n = e.getName();
                if (n.startsWith("META-INF/") && (n.endsWith(".SF") || n.endsWith(".RSA") || n.endsWith(".DSA")
                        || n.endsWith(".EC"))) {
                    return 0; // signed: a rewritten class would no longer match its signature
                }
                if (n.endsWith(".class") && !n.startsWith("META-INF/")) {
                    try (InputStream s = in.getInputStream(e)) {
                        byte[] b = s.readAllBytes();
                        classes.put(e.getName(), b);
                        if (b.length > 8 && (((b[6] & 0xff) << 8) | (b[7] & 0xff)) < OLDEST_CACHED) {
                            old.add(e.getName());
                        }
                    }
                }
            }
            if (old.isEmpty()) {
                return 0;
            }
            // the jar's own classes first (stack maps need the common super class of two types), then the JDK's
            ClassHierarchyResolver resolver = ClassHierarchyResolver.ofResourceParsing(name -> {
                byte[] b = classes.get(name.descriptorString().substring(1, name.descriptorString().length() - 1)
                        + ".class");
                return b == null ? null : new java.io.ByteArrayInputStream(b);
            }).orElse(ClassHierarchyResolver.defaultResolver()).cached();
            ClassFile cf = ClassFile.of(ClassFile.ClassHierarchyResolverOption.of(resolver),
                    ClassFile.StackMapsOption.GENERATE_STACK_MAPS);
            Map<String, byte[]> upgraded = new HashMap<>();
            for (String name : old) {
                ClassModel model = cf.parse(classes.get(name));
                ClassTransform version = (builder, element) -> {
                    if (element instanceof ClassFileVersion) {
                        builder.withVersion(TARGET, 0);
                    } else {
                        builder.with(element);
                    }
                };
                byte[] out = cf.transformClass(model,
                        version.andThen(ClassTransform.transformingMethodBodies(CodeTransform.ACCEPT_ALL)));
                ClassModel check = cf.parse(out);
                if (check.majorVersion() != TARGET || !check.thisClass().equals(model.thisClass())
                        || check.methods().size() != model.methods().size()) {
                    throw new IllegalStateException(name + " did not read back as written");
                }
                List<VerifyError> errors = cf.verify(check);
                if (!errors.isEmpty()) {
                    throw new IllegalStateException(name + ": " + errors.getFirst().getMessage());
                }
                upgraded.put(name, out);
            }
            Path tmp = Files.createTempFile(jar.getParent(), jar.getFileName().toString(), ".tmp");
            try {
                try (OutputStream o = Files.newOutputStream(tmp); JarOutputStream j = in.getManifest() == null
                        ? new JarOutputStream(o) : new JarOutputStream(o, in.getManifest())) {
                    for (JarEntry e : (Iterable<JarEntry>) in.stream()::iterator) {
                        if (e.getName().equals(JarFile.MANIFEST_NAME)) {
                            continue; // written first, by the JarOutputStream
                        }
                        JarEntry copy = new JarEntry(e.getName());
                        copy.setTime(e.getTime());
                        j.putNextEntry(copy);
                        byte[] replaced = upgraded.get(e.getName());
                        if (replaced != null) {
                            j.write(replaced);
                        } else {
                            try (InputStream s = in.getInputStream(e)) {
                                s.transferTo(j);
                            }
                        }
                        j.closeEntry();
                    }
                }
                try {
                    Files.setPosixFilePermissions(tmp, Files.getPosixFilePermissions(jar));
                } catch (UnsupportedOperationException notPosix) {
                    // the file system has no such permissions: the temporary file's are the user's own
                }
                Files.move(tmp, jar, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(tmp);
            }
            return upgraded.size();
        }
    }
}
