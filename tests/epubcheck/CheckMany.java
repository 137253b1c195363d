import com.adobe.epubcheck.api.EpubCheck;
import com.adobe.epubcheck.reporting.CheckingReport;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/**
 * EPUBCheck for many EPUBs in one Java process: its start and its schemas' loading (about
 * four seconds of a five-second check) are paid once. Each line read is an EPUB's path, a
 * tab and the path to write its JSON report to (what --json writes); "done" answers it.
 */
public class CheckMany {
    public static void main(String[] args) throws Exception {
        BufferedReader requests = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = requests.readLine()) != null) {
            String[] paths = line.split("\t", 2);
            try (PrintWriter json = new PrintWriter(paths[1], StandardCharsets.UTF_8)) {
                CheckingReport report = new CheckingReport(json, paths[0]);
                report.initialize();
                new EpubCheck(new File(paths[0]), report).check();
                report.generate();
            }
            System.out.println("done");
            System.out.flush();
        }
    }
}
