export default function GradingQueuePage() {
  return null;
}
