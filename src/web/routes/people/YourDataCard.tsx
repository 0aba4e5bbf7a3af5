import { buttonClass } from "../../components/Button.tsx";
import { Card } from "../../components/Page.tsx";

/** GDPR Art. 15 and 20: everything held about the signed-in person, as one JSON file. */
export function YourDataCard() {
  return (
    <Card>
      <h2 className="mb-2 text-lg font-semibold">Your data</h2>
      <p id="your-data-hint" className="mb-3 text-sm text-slate-700">
        Download everything Trellis holds about you as a JSON file: your profile, enrolments, mentoring and
        coaching records (confidential content decrypted, as you read it here), training results and your
        activity log. Other people's private notes are left out.
      </p>
      <a
        href="/api/me/data-export"
        download
        aria-describedby="your-data-hint"
        className={buttonClass("secondary")}
      >
        Download my data
      </a>
    </Card>
  );
}
