/**
 * What happened with a contact: emails, meetings, chats. Nothing records them yet; the features
 * that do will fill this in, under the same test id.
 */
export function ContactActivity({ name }: { name: string }) {
  return (
    <section className="panel" aria-labelledby="activity-title" data-testid="contact-activity">
      <h2 id="activity-title">Activity</h2>
      <p className="empty-state small">Emails, meetings and chats with {name} will appear here.</p>
    </section>
  );
}
